import { CommentIcon } from './CommentIcon.js';
import { COMMENTS_PANEL_ID, useComments } from './CommentsContext.js';
import { countOpen } from './ThreadFilter.js';

/** The page-level "Comments" button: opens the list of all threads in the draft, with the open count. */
export function CommentsToggle() {
  const comments = useComments();
  if (!comments) return null;
  const { panel, actions, threads } = comments;
  const open = countOpen(threads);
  const showing = panel.open && panel.view === 'all';
  return (
    <button
      type="button"
      className="button button-secondary button-small comments-toggle"
      aria-expanded={showing}
      aria-controls={showing ? COMMENTS_PANEL_ID : undefined}
      onClick={() => (showing ? actions.close() : actions.openOverview())}
    >
      <CommentIcon />
      Comments
      <span className="comments-toggle-count">
        {open}
        <span className="visually-hidden"> open</span>
      </span>
    </button>
  );
}
