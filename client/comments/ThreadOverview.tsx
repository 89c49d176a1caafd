import type * as Y from 'yjs';
import type { NumberedClause } from '../common/draft/useOrderedClauses.js';
import { useComments } from './CommentsContext.js';
import { describeCommentClause, type CommentClause } from './describeCommentClause.js';
import type { CommentThread } from './groupThreads.js';
import { matchesFilter, THREAD_FILTER_LABEL } from './ThreadFilter.js';

interface ClauseGroup {
  clauseId: string;
  clause: CommentClause;
  threads: CommentThread[];
}

function excerpt(thread: CommentThread): string {
  const text = thread.root.body ?? 'Comment deleted';
  return text.length > 90 ? `${text.slice(0, 90).trimEnd()}…` : text;
}

/**
 * Every thread of the draft that passes the filter, grouped by clause in reading order; threads on
 * clauses deleted from the text come last, marked "Deleted clause", and stay reachable from here.
 */
export function ThreadOverview({ doc, clauses }: { doc: Y.Doc; clauses: readonly NumberedClause[] }) {
  const comments = useComments();
  if (!comments) return null;
  const { byClause, panel, actions } = comments;
  const inText = new Set(clauses.map((clause) => clause.id));
  const clauseIds = [...clauses.map((clause) => clause.id), ...[...byClause.keys()].filter((id) => !inText.has(id))];
  const groups: ClauseGroup[] = clauseIds
    .map((clauseId) => ({
      clauseId,
      clause: describeCommentClause(doc, clauses, clauseId),
      threads: (byClause.get(clauseId) ?? []).filter((thread) => matchesFilter(thread, panel.filter)),
    }))
    .filter((group) => group.threads.length > 0);
  const what = panel.filter === 'all' ? '' : `${THREAD_FILTER_LABEL[panel.filter].toLowerCase()} `;

  if (groups.length === 0) return <p className="comments-empty">No {what}comments in this draft.</p>;
  return (
    <ol className="overview-list" aria-label={`Clauses with ${what}comments`}>
      {groups.map(({ clauseId, clause, threads }) => (
        <li key={clauseId} className={clause.deleted ? 'overview-group overview-group-deleted' : 'overview-group'}>
          <h3 className="overview-clause">
            <button type="button" className="overview-clause-button" onClick={() => actions.openClause(clauseId)}>
              {clause.deleted ? (
                <span className="tag tag-deleted">Deleted clause</span>
              ) : (
                <span className="overview-clause-name">{clause.name}</span>
              )}
              <span className="overview-clause-summary" title={clause.summary || undefined}>
                {clause.summary || 'Empty clause'}
              </span>
              <span className="overview-count">
                {threads.length} {what}
                {threads.length === 1 ? 'thread' : 'threads'}
              </span>
            </button>
          </h3>
          <ol className="overview-threads">
            {threads.map((thread) => (
              <li key={thread.id}>
                <button type="button" className="overview-thread" onClick={() => actions.openClause(clauseId, { threadId: thread.id })}>
                  {thread.root.anchor ? (
                    <span className="overview-quote">
                      “<bdi>{thread.root.anchor.quote}</bdi>”
                    </span>
                  ) : null}
                  <span className="overview-first">
                    <span className="overview-author">{thread.root.author.name}:</span> <bdi>{excerpt(thread)}</bdi>
                  </span>
                  <span className="overview-meta">
                    {thread.replies.length === 1 ? '1 reply' : `${thread.replies.length} replies`}
                    {thread.root.resolved ? ' · resolved' : ''}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </li>
      ))}
    </ol>
  );
}
