import { useRef, useState } from 'react';
import type * as Y from 'yjs';
import { toApiError, type ApiError } from '../common/api/ApiError.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { useDraftArchived } from '../common/draft/draftArchived.js';
import { CommentForm } from './CommentForm.js';
import { CommentItem } from './CommentItem.js';
import { mayResolveThread } from './commentPermissions.js';
import { commentsApi } from './commentsApi.js';
import { COMMENTS_PANEL_ID, useComments } from './CommentsContext.js';
import { CommentTime } from './CommentTime.js';
import type { CommentThread } from './groupThreads.js';
import { ThreadQuote } from './ThreadQuote.js';

export interface ThreadCardProps {
  thread: CommentThread;
  doc: Y.Doc;
  active: boolean;
  /** Scrolls the clause (and the passage) into view and makes this the active thread. */
  onShow: () => void;
}

/**
 * One thread in the panel: the quoted passage, its comments and replies, Resolve (for its author and the
 * secretariat) or Reopen (for everyone), and a reply box while it is open; none of these on an archived draft.
 */
export function ThreadCard({ thread, doc, active, onShow }: ThreadCardProps) {
  const comments = useComments();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const box = useRef<HTMLElement>(null);
  const archived = useDraftArchived();
  if (!comments) return null;
  const { draftId, me, data, actions } = comments;
  const { root } = thread;
  // A deleted first comment keeps its author's name: the thread is still theirs.
  const author = root.author.name;

  async function setResolved(resolved: boolean) {
    setBusy(true);
    setError(null);
    try {
      data.upsert(await commentsApi.update(draftId, root.id, { resolved }));
      // The filter may now hide this thread, and with it the focused button: keep focus in the panel.
      requestAnimationFrame(() => {
        if (!box.current?.isConnected) document.querySelector<HTMLElement>(`#${COMMENTS_PANEL_ID} h2`)?.focus();
      });
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  }

  return (
    <article
      ref={box}
      className={`thread${active ? ' thread-active' : ''}${root.resolved ? ' thread-resolved' : ''}`}
      aria-label={`Thread started by ${author}${root.resolved ? ', resolved' : ''}`}
      data-thread-id={thread.id}
      tabIndex={-1}
      onFocus={() => !active && actions.selectThread(thread.id)}
      onClick={() => !active && actions.selectThread(thread.id)}
    >
      {root.anchor ? (
        <ThreadQuote doc={doc} clauseId={thread.clauseId} anchor={root.anchor} onShow={onShow} />
      ) : (
        <p className="thread-scope">On the whole clause</p>
      )}
      <ol className="comment-list" aria-label="Comments">
        {[root, ...thread.replies].map((comment) => (
          <li key={comment.id}>
            <CommentItem comment={comment} />
          </li>
        ))}
      </ol>
      {root.resolved ? (
        <p className="thread-state">
          <span className="thread-state-badge">Resolved</span>
          {root.resolvedBy ? ` by ${root.resolvedBy.name}` : null}
          {root.resolvedAt ? (
            <>
              {' '}
              · <CommentTime iso={root.resolvedAt} />
            </>
          ) : null}
        </p>
      ) : null}
      {!archived && (root.resolved || mayResolveThread(thread, me)) ? (
        <div className="thread-actions">
          {root.resolved ? (
            <button type="button" className="button button-secondary button-small" disabled={busy} onClick={() => void setResolved(false)}>
              Reopen<span className="visually-hidden"> thread</span>
            </button>
          ) : (
            <button type="button" className="button button-secondary button-small" disabled={busy} onClick={() => void setResolved(true)}>
              Resolve<span className="visually-hidden"> thread</span>
            </button>
          )}
        </div>
      ) : null}
      <ErrorMessage error={error} />
      {root.resolved || archived ? null : (
        <CommentForm
          label={`Reply to ${author}`}
          submitLabel="Reply"
          placeholder="Reply…"
          onSubmit={async (body) => {
            data.upsert(await commentsApi.create(draftId, { clauseId: thread.clauseId, body, parentId: root.id }));
          }}
        />
      )}
    </article>
  );
}
