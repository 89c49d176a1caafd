import type { CommentThread } from './groupThreads.js';

/** Which threads the comments panel lists. */
export type ThreadFilter = 'open' | 'resolved' | 'all';

/** Words for each filter, as the panel shows them. */
export const THREAD_FILTER_LABEL: Record<ThreadFilter, string> = { open: 'Open', resolved: 'Resolved', all: 'All' };

export function matchesFilter(thread: CommentThread, filter: ThreadFilter): boolean {
  return filter === 'all' || thread.root.resolved === (filter === 'resolved');
}

/** How many of `threads` are open. */
export function countOpen(threads: readonly CommentThread[] | undefined): number {
  return threads ? threads.filter((thread) => !thread.root.resolved).length : 0;
}

/** How many threads each filter would show. */
export function countByFilter(threads: readonly CommentThread[]): Record<ThreadFilter, number> {
  const resolved = threads.filter((thread) => thread.root.resolved).length;
  return { open: threads.length - resolved, resolved, all: threads.length };
}
