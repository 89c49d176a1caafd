import type { CommentView } from '../../shared/api/comments.js';
import type { MeResponse } from '../../shared/api/session.js';
import type { CommentThread } from './groupThreads.js';

/*
 * What the page offers each person. The server decides (CommentService); these only hide buttons that
 * would be refused: everyone may comment, reply and reopen; only the author edits or deletes a comment;
 * the thread's author and the secretariat resolve it.
 */

/** True when `me` wrote this comment and it still has text. */
export function mayChangeComment(comment: CommentView, me: MeResponse | null): boolean {
  return me !== null && !comment.deleted && comment.author.id === me.id;
}

/** True when `me` may mark this thread resolved. */
export function mayResolveThread(thread: CommentThread, me: MeResponse | null): boolean {
  return me !== null && (me.role === 'secretariat' || thread.root.author.id === me.id);
}
