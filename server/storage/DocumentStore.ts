/**
 * The port the collab server uses to persist Yjs documents, one per draft. Implementations must make
 * `append` durable (on disk, fsync'd) before its promise resolves: the server only reports an edit as
 * saved after that. Draft ids reaching this port have already passed shared/ids.ts `parseDraftId`.
 */
export interface DocumentStore {
  /** All persisted state of a draft as Yjs updates in order (snapshot first), or an empty list for a new draft. */
  load(draftId: string): Promise<Uint8Array[]>;
  /** Appends one Yjs update to the draft's log; resolves once it is durable. Appends may be grouped into one fsync. */
  append(draftId: string, update: Uint8Array): Promise<void>;
  /** Replaces the draft's log with one snapshot (a full-state update), written safely. */
  compact(draftId: string, state: Uint8Array): Promise<void>;
  /** Bytes in the draft's log since the last compaction (the collab server decides when to compact). */
  logSize(draftId: string): number;
  /** Flushes everything pending and releases file handles. */
  close(): Promise<void>;
}
