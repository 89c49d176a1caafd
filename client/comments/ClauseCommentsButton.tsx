import { CommentIcon } from './CommentIcon.js';
import { COMMENTS_PANEL_ID, useComments } from './CommentsContext.js';
import { countOpen } from './ThreadFilter.js';

/** "Comments on OP2: 2 open": the accessible name of the buttons that open a clause's comments. */
export function clauseCommentsLabel(name: string, open: number): string {
  return `Comments on ${name}: ${open === 0 ? 'none open' : `${open} open`}`;
}

export interface ClauseCommentsButtonProps {
  clauseId: string;
  /** "OP2" */
  name: string;
  /** Show nothing while the clause has no threads at all (section headings are seldom discussed). @default false */
  hideWhenEmpty?: boolean;
}

/**
 * The comment badge of a clause card: the number of open threads (a quiet icon when there are none).
 * It opens the comments panel on this clause, or closes it when it already shows this clause.
 */
export function ClauseCommentsButton({ clauseId, name, hideWhenEmpty = false }: ClauseCommentsButtonProps) {
  const comments = useComments();
  const threads = comments?.byClause.get(clauseId);
  if (!comments || (hideWhenEmpty && !threads?.length)) return null;
  const open = countOpen(threads);
  const { panel, actions } = comments;
  const showing = panel.open && panel.view === 'clause' && panel.clauseId === clauseId;
  return (
    <button
      type="button"
      className={`comment-badge${open > 0 ? ' comment-badge-open' : ''}`}
      aria-label={clauseCommentsLabel(name, open)}
      title={open > 0 ? `${open} open comment ${open === 1 ? 'thread' : 'threads'}` : 'Comment on this clause'}
      aria-expanded={showing}
      aria-controls={showing ? COMMENTS_PANEL_ID : undefined}
      onClick={() => (showing ? actions.close() : actions.openClause(clauseId))}
    >
      <CommentIcon size={15} />
      {open > 0 ? <span className="comment-badge-count">{open}</span> : null}
    </button>
  );
}
