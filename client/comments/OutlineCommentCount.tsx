import { clauseCommentsLabel } from './ClauseCommentsButton.js';
import { useComments } from './CommentsContext.js';
import { countOpen } from './ThreadFilter.js';

/** The number of open threads beside a clause in the outline; opens them. Nothing when there are none. */
export function OutlineCommentCount({ clauseId, name }: { clauseId: string; /** "OP2" */ name: string }) {
  const comments = useComments();
  const open = comments ? countOpen(comments.byClause.get(clauseId)) : 0;
  if (!comments || open === 0) return null;
  return (
    <button
      type="button"
      className="outline-comments"
      aria-label={clauseCommentsLabel(name, open)}
      onClick={() => comments.actions.openClause(clauseId)}
    >
      {open}
    </button>
  );
}
