import { createContext, useContext } from 'react';

/**
 * Whether the draft the page shows is archived. An archived draft is read-only for everyone until the
 * secretariat restores it: its text, comments, versions, negotiation and proposals do not change (the server
 * refuses with DRAFT_ARCHIVED, and its sockets drop edits). The draft's pages provide it (following the draft's
 * event stream where they do), and every control that would change the draft reads it to hide itself, as
 * the permission helpers hide what a member's role may not do. False outside a draft's pages.
 */
export const DraftArchivedContext = createContext(false);

/** True while the draft of this page is archived. */
export function useDraftArchived(): boolean {
  return useContext(DraftArchivedContext);
}
