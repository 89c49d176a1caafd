/**
 * Tables of the metadata (PgMetadata), in their own PostgreSQL schema `metadata` so their names never meet
 * the documents' tables. One table per aggregate: the columns its queries filter and sort on, and the whole
 * record as `record`, which is what is read back.
 *
 * - `record` is `json`, not `jsonb`: json keeps the text it is given, so a record reads back exactly as it
 *   was written, and it accepts `\u0000`, which jsonb refuses (a quoted passage of a document may hold any
 *   character). Nothing queries inside it; the columns beside it are what queries use.
 * - `ord` (an identity) is the order rows were first written in: "in the order they were written" and list
 *   order. It may skip numbers (a rolled-back insert), which order does not mind.
 * - Times that queries compare are timestamptz, compared as times (the records hold ISO strings).
 * - The audit log is numbered from `audit_counter`, a single row raised in the transaction that inserts the
 *   entry: its row lock makes appenders take turns and a rollback gives the number back, so the numbers run
 *   1, 2, 3 ... without gaps, whatever the number of processes (a sequence could skip).
 */
export const METADATA_SCHEMA = `
CREATE SCHEMA metadata;

CREATE TABLE metadata.delegations (
  id text PRIMARY KEY,
  ord bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  -- The name lower-cased by the server (toLocaleLowerCase), for case-insensitive look-ups that do not
  -- depend on the database's locale.
  name_key text NOT NULL,
  record json NOT NULL
);
CREATE INDEX delegations_name_key ON metadata.delegations (name_key);

CREATE TABLE metadata.members (
  id text PRIMARY KEY,
  ord bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  -- Lower-cased by the domain before it gets here.
  email text NOT NULL UNIQUE,
  role text NOT NULL,
  active boolean NOT NULL,
  has_password boolean NOT NULL,
  record json NOT NULL
);

-- At most one invitation per member.
CREATE TABLE metadata.invitations (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL UNIQUE,
  record json NOT NULL
);

CREATE TABLE metadata.sessions (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL,
  expires_at timestamptz NOT NULL,
  record json NOT NULL
);
CREATE INDEX sessions_user_id ON metadata.sessions (user_id);
CREATE INDEX sessions_expires_at ON metadata.sessions (expires_at);

CREATE TABLE metadata.drafts (
  id text PRIMARY KEY,
  ord bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  record json NOT NULL
);

CREATE TABLE metadata.comments (
  id text PRIMARY KEY,
  ord bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  draft_id text NOT NULL,
  record json NOT NULL
);
CREATE INDEX comments_draft ON metadata.comments (draft_id, ord);

CREATE TABLE metadata.versions (
  draft_id text NOT NULL,
  id text NOT NULL,
  ord bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  created_at timestamptz NOT NULL,
  revision integer,
  published_at timestamptz,
  record json NOT NULL,
  PRIMARY KEY (draft_id, id)
);
CREATE INDEX versions_saved ON metadata.versions (draft_id, created_at, ord);
CREATE INDEX versions_revision ON metadata.versions (draft_id, revision) WHERE revision IS NOT NULL;

-- Every status change, in the order made; a clause's current status is its last.
CREATE TABLE metadata.clause_statuses (
  ord bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  draft_id text NOT NULL,
  clause_id text NOT NULL,
  at timestamptz NOT NULL,
  record json NOT NULL
);
CREATE INDEX clause_statuses_draft ON metadata.clause_statuses (draft_id, ord);
CREATE INDEX clause_statuses_clause ON metadata.clause_statuses (draft_id, clause_id, ord);

-- Current positions: one per draft, clause and delegation.
CREATE TABLE metadata.positions (
  draft_id text NOT NULL,
  clause_id text NOT NULL,
  delegation_id text NOT NULL,
  ord bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  record json NOT NULL,
  PRIMARY KEY (draft_id, clause_id, delegation_id)
);

CREATE TABLE metadata.audit_log (
  seq bigint PRIMARY KEY,
  draft_id text,
  action text NOT NULL,
  record json NOT NULL
);
CREATE INDEX audit_log_draft ON metadata.audit_log (draft_id, seq);

CREATE TABLE metadata.audit_counter (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  last_seq bigint NOT NULL
);
INSERT INTO metadata.audit_counter (last_seq) VALUES (0);
`;
