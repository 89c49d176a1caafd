import type * as Y from 'yjs';
import { useDraftArchived } from '../common/draft/draftArchived.js';
import { useComments } from './CommentsContext.js';
import type { CommentClause } from './describeCommentClause.js';
import { NewThreadForm } from './NewThreadForm.js';
import { showThreadInText } from './showThreadInText.js';
import { matchesFilter, THREAD_FILTER_LABEL } from './ThreadFilter.js';
import { ThreadCard } from './ThreadCard.js';

export interface ClauseThreadsProps {
  doc: Y.Doc;
  clauseId: string;
  clause: CommentClause;
}

/**
 * The threads of one clause that pass the filter, and a way to start a new one. A deleted clause takes
 * no new threads, but its threads stay readable and open to replies. An archived draft takes neither: its
 * threads are only read.
 */
export function ClauseThreads({ doc, clauseId, clause }: ClauseThreadsProps) {
  const comments = useComments();
  const archived = useDraftArchived();
  if (!comments) return null;
  const { byClause, panel, actions } = comments;
  const visible = (byClause.get(clauseId) ?? []).filter((thread) => matchesFilter(thread, panel.filter));
  const what = panel.filter === 'all' ? '' : `${THREAD_FILTER_LABEL[panel.filter].toLowerCase()} `;

  return (
    <>
      {archived ? null : clause.deleted ? (
        <p className="message message-info comments-deleted-note">
          This clause was deleted from the text. Its threads stay here, and you can still reply to them.
        </p>
      ) : (
        <NewThreadForm clauseId={clauseId} name={clause.name} />
      )}
      {visible.length > 0 ? (
        <ol className="thread-list" aria-label={`${what}threads on ${clause.name}`.replace(/^./, (c) => c.toUpperCase())}>
          {visible.map((thread) => (
            <li key={thread.id}>
              <ThreadCard
                thread={thread}
                doc={doc}
                active={panel.threadId === thread.id}
                onShow={() => {
                  actions.selectThread(thread.id);
                  showThreadInText(clauseId, thread.id);
                }}
              />
            </li>
          ))}
        </ol>
      ) : (
        <p className="comments-empty">
          No {what}comments on {clause.name}.
        </p>
      )}
    </>
  );
}
