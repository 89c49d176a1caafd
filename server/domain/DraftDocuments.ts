import type * as Y from 'yjs';

/**
 * Read access to a draft's live document for domain services (comments check that a clause exists and
 * that an anchor points into it; versions take snapshots). Implemented by the collab server, which
 * shares the in-memory document when someone has the draft open and loads it otherwise.
 */
export interface DraftDocuments {
  /** Runs `read` against the draft's current document. `read` must not keep the document or change it. */
  read<T>(draftId: string, read: (doc: Y.Doc) => T): Promise<T>;
}
