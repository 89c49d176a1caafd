import type { CommentView } from '../../shared/api/comments.js';

/** A thread: its first comment (which carries the anchor and the resolved state) and its flat replies. */
export interface CommentThread {
  /** The id of the first comment. */
  id: string;
  clauseId: string;
  root: CommentView;
  /** Oldest first. */
  replies: CommentView[];
}

const byTime = (a: CommentView, b: CommentView) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/**
 * Turns the flat comment list of a draft into threads, oldest thread first. Replies whose first comment
 * is unknown (not loaded yet) wait until it arrives rather than showing up on their own.
 */
export function groupThreads(comments: Iterable<CommentView>): CommentThread[] {
  const roots: CommentView[] = [];
  const replies = new Map<string, CommentView[]>();
  for (const comment of comments) {
    if (comment.threadId === comment.id) roots.push(comment);
    else replies.set(comment.threadId, [...(replies.get(comment.threadId) ?? []), comment]);
  }
  return roots.sort(byTime).map((root) => ({
    id: root.id,
    clauseId: root.clauseId,
    root,
    replies: (replies.get(root.id) ?? []).sort(byTime),
  }));
}

/** Threads per clause id, each list in the order given. */
export function threadsByClause(threads: readonly CommentThread[]): ReadonlyMap<string, CommentThread[]> {
  const result = new Map<string, CommentThread[]>();
  for (const thread of threads) result.set(thread.clauseId, [...(result.get(thread.clauseId) ?? []), thread]);
  return result;
}
