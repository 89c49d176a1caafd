/**
 * Tables of the documents (PgDocumentStore, PgVersionSnapshotStore). Draft and version ids are the
 * 16-character ids of shared/ids.ts, checked before they get here; no foreign keys to the metadata
 * tables, which come in a later migration and may live apart.
 *
 * - draft_heads: one row per draft with the last sequence number handed out. Appends raise it with an
 *   upsert in the transaction that inserts their rows, so writers of one draft (in any process) queue
 *   on that row and a rolled-back transaction hands out nothing: the log's numbers never have a gap.
 * - draft_updates: the append-only log, one Yjs update per row, numbered 1, 2, 3 ... per draft. Only
 *   compaction deletes, and only the rows its snapshot covers (a prefix).
 * - draft_snapshots: the last compacted state of a draft and the seq it covers (every update up to it).
 *   A snapshot is replaced only by one covering at least as much.
 * - client_id_owners: who may write with each Yjs client id of a draft, first claim wins; `position`
 *   keeps insertion order. Never touched by compaction.
 * - version_snapshots: the document state saved with each version (PgVersionSnapshotStore), checked
 *   against the sha256 its metadata record keeps.
 */
export const DOCUMENTS_SCHEMA = `
CREATE TABLE draft_heads (
  draft_id text PRIMARY KEY,
  head_seq bigint NOT NULL CHECK (head_seq >= 0)
);

CREATE TABLE draft_updates (
  draft_id text NOT NULL,
  seq bigint NOT NULL CHECK (seq > 0),
  data bytea NOT NULL,
  PRIMARY KEY (draft_id, seq)
);

CREATE TABLE draft_snapshots (
  draft_id text PRIMARY KEY,
  seq bigint NOT NULL CHECK (seq >= 0),
  data bytea NOT NULL
);

CREATE TABLE client_id_owners (
  draft_id text NOT NULL,
  client_id bigint NOT NULL CHECK (client_id >= 0),
  member_id text NOT NULL CHECK (member_id <> ''),
  position bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (draft_id, client_id)
);
CREATE INDEX client_id_owners_in_order ON client_id_owners (draft_id, position);

CREATE TABLE version_snapshots (
  draft_id text NOT NULL,
  version_id text NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (draft_id, version_id)
);
`;
