import type * as Y from 'yjs';

/**
 * Access to a draft's live document for domain services (comments check that a clause exists and
 * that an anchor points into it; versions take snapshots and restore them). Implemented by the collab
 * server, which shares the in-memory document when someone has the draft open and loads it otherwise.
 */
export interface DraftDocuments {
  /** Runs `read` against the draft's current document. `read` must not keep the document or change it. */
  read<T>(draftId: string, read: (doc: Y.Doc) => T): Promise<T>;
  /**
   * Runs `change` inside one transaction on the draft's live document: everyone connected receives it like
   * another client's edit, and it is stored through the same path. Resolves with `change`'s result once the
   * change is durable. `change` must be synchronous and must not keep the document.
   */
  change<T>(draftId: string, change: (doc: Y.Doc) => T): Promise<T>;
  /**
   * Runs `work` with the draft's document held still: no member's edit is applied from the moment it
   * starts until it has finished; members' edits wait their turn meanwhile (nothing is refused or lost)
   * and are applied after it, in order. `read` and `change` inside `work` go ahead. Resolves with its result.
   */
  hold<T>(draftId: string, work: () => Promise<T>): Promise<T>;
}
