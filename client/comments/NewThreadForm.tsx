import { commentsApi } from './commentsApi.js';
import { CommentForm } from './CommentForm.js';
import { CommentIcon } from './CommentIcon.js';
import { useComments } from './CommentsContext.js';

/**
 * Starting a thread on a clause: a button, or once started (from here or from a selection in the text) the
 * form, showing the passage it will be anchored on with a way to comment on the whole clause instead.
 */
export function NewThreadForm({ clauseId, name }: { clauseId: string; /** "OP2" */ name: string }) {
  const comments = useComments();
  if (!comments) return null;
  const { draftId, data, panel, actions } = comments;
  const pending = panel.newThread?.clauseId === clauseId ? panel.newThread : null;

  if (!pending) {
    return (
      <button
        type="button"
        className="button button-secondary button-small new-thread-button"
        onClick={() => actions.startThread(clauseId, null)}
      >
        <CommentIcon /> New comment on {name}
      </button>
    );
  }
  const { anchor } = pending;
  return (
    <section className="new-thread" aria-label={`New comment on ${name}`}>
      {anchor ? (
        <figure className="thread-quote thread-quote-new">
          <figcaption className="thread-quote-note">On the passage</figcaption>
          <blockquote className="thread-quote-text">{anchor.quote}</blockquote>
          <button type="button" className="link-button" onClick={() => actions.startThread(clauseId, null)}>
            Comment on the whole clause instead
          </button>
        </figure>
      ) : (
        <p className="thread-scope">On the whole of {name}. To comment on a passage, select it in the text.</p>
      )}
      <CommentForm
        showLabel
        label={`New comment on ${name}`}
        submitLabel="Comment"
        focusToken={panel.focus?.target === 'new-thread' ? panel.focus.token : undefined}
        onCancel={actions.cancelNewThread}
        onSubmit={async (body) => {
          const created = await commentsApi.create(draftId, { clauseId, body, ...(anchor ? { anchor } : {}) });
          data.upsert(created);
          if (panel.filter === 'resolved') actions.setFilter('open');
          actions.cancelNewThread();
          actions.openClause(clauseId, { threadId: created.id });
        }}
      />
    </section>
  );
}
