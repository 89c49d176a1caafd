import { createContext, useContext } from 'react';
import type { CommentAnchor } from '../../shared/api/comments.js';
import type { MeResponse } from '../../shared/api/session.js';
import type { CommentThread } from './groupThreads.js';
import type { ThreadFilter } from './ThreadFilter.js';
import type { DraftComments } from './useDraftComments.js';

/** The comments panel's element id, for aria-controls on the buttons that open it. */
export const COMMENTS_PANEL_ID = 'comments-panel';

/** What the comments panel shows. */
export interface CommentsPanelState {
  open: boolean;
  /** One clause's threads, or the list of all threads in the draft grouped by clause. */
  view: 'clause' | 'all';
  clauseId: string | null;
  /** The thread in focus: its passage is marked more strongly in the text. */
  threadId: string | null;
  filter: ThreadFilter;
  /** A new thread being written, on a clause and optionally on a passage of it. */
  newThread: { clauseId: string; anchor: CommentAnchor | null } | null;
  /** Where keyboard focus should go in the panel; a new `token` asks again. */
  focus: { target: 'heading' | 'new-thread' | 'thread'; token: number } | null;
}

export interface OpenClauseOptions {
  /** Shows this thread as the active one (switching the filter if it would hide it). */
  threadId?: string;
  /** Puts keyboard focus into the panel. @default true */
  moveFocus?: boolean;
}

/** What people can do with the panel; the functions keep their identity for the life of the page. */
export interface CommentsActions {
  openClause: (clauseId: string, options?: OpenClauseOptions) => void;
  /** Shows every thread of the draft, grouped by clause. */
  openOverview: () => void;
  /** Closes the panel and puts focus back where it was before it opened. */
  close: () => void;
  setFilter: (filter: ThreadFilter) => void;
  selectThread: (threadId: string | null) => void;
  /** Opens the form for a new thread on a clause, anchored on a passage when `anchor` is given. */
  startThread: (clauseId: string, anchor: CommentAnchor | null) => void;
  cancelNewThread: () => void;
}

export interface CommentsContextValue {
  draftId: string;
  me: MeResponse | null;
  data: DraftComments;
  /** Every thread of the draft, oldest first. */
  threads: CommentThread[];
  byClause: ReadonlyMap<string, CommentThread[]>;
  panel: CommentsPanelState;
  actions: CommentsActions;
}

/** Provided by CommentsProvider on the draft page. */
export const CommentsContext = createContext<CommentsContextValue | null>(null);

/**
 * The draft's comment threads and panel, or null outside CommentsProvider (then the editor and clause cards
 * simply show no comment controls).
 */
export function useComments(): CommentsContextValue | null {
  return useContext(CommentsContext);
}
