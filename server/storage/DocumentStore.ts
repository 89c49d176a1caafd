/** A Yjs client id of a draft and the member it belongs to: the only one whose updates may write with it. */
export interface ClientIdOwner {
  clientId: number;
  memberId: string;
}

/**
 * The port the collab server uses to persist Yjs documents, one per draft. Implementations must make
 * `append` durable (on disk, fsync'd) before its promise resolves: the server only reports an edit as
 * saved after that. Draft ids reaching this port have already passed shared/ids.ts `parseDraftId`.
 *
 * Calls for one draft take effect in call order (an append made before `compact` is covered by the
 * snapshot, one made after it lands in the fresh log). Calls for different drafts are independent.
 */
export interface DocumentStore {
  /**
   * All persisted state of a draft as Yjs updates in order (snapshot first), or an empty list for a new
   * draft. Rejects (rather than returning less) when the saved state cannot be read in full, e.g. a
   * corrupt snapshot: the caller should refuse the draft instead of serving it empty.
   */
  load(draftId: string): Promise<Uint8Array[]>;
  /**
   * Stores a new draft's first update (its seed) unless the draft already has one, as one step: false when
   * it had (nothing written; load what is there). Only stores shared by several processes need it (two may
   * open a new draft at once); without it the seed is appended like any update.
   */
  appendFirst?(draftId: string, update: Uint8Array): Promise<boolean>;
  /** Appends one Yjs update to the draft's log; resolves once it is durable. Appends may be grouped into one fsync. */
  append(draftId: string, update: Uint8Array): Promise<void>;
  /**
   * Replaces the draft's log with one snapshot (a full-state update), written safely. `state` must
   * contain every update appended before this call; updates appended after it stay in the log.
   */
  compact(draftId: string, state: Uint8Array): Promise<void>;
  /** Bytes in the draft's log since the last compaction (the collab server decides when to compact). 0 when the draft is not open. */
  logSize(draftId: string): number;
  /**
   * Waits for the draft's pending appends, then closes its files and forgets it, so an unloaded draft
   * costs no memory or file handles. Later calls for the draft simply reopen it.
   */
  release(draftId: string): Promise<void>;
  /**
   * Every client id owner recorded for the draft, oldest first (empty for a new draft). Rejects when the
   * record cannot be read in full, like `load`.
   */
  loadClientIdOwners(draftId: string): Promise<ClientIdOwner[]>;
  /**
   * Records owners of client ids; resolves once they are durable. Independent of the update log: it does
   * not wait for the log's grouped commits, and compaction never drops an owner.
   */
  addClientIdOwners(draftId: string, owners: readonly ClientIdOwner[]): Promise<void>;
  /** Flushes everything pending and releases file handles. load, append and compact after it reject. */
  close(): Promise<void>;
}
