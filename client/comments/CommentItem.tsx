import { useRef, useState } from 'react';
import type { CommentView } from '../../shared/api/comments.js';
import { ROLE_LABELS, type Role } from '../../shared/roles.js';
import { ConfirmDialog } from '../common/components/ConfirmDialog.js';
import { useDraftArchived } from '../common/draft/draftArchived.js';
import { CommentForm } from './CommentForm.js';
import { mayChangeComment } from './commentPermissions.js';
import { commentsApi } from './commentsApi.js';
import { useComments } from './CommentsContext.js';
import { CommentTime } from './CommentTime.js';
import { PlainCommentText } from './PlainCommentText.js';

/** Who wrote a comment, in the words the page uses: delegation, or the role for reviewers and secretariat. */
function affiliation(author: CommentView['author']): string {
  return author.delegation ?? ROLE_LABELS[author.role as Role] ?? author.role;
}

/**
 * One comment: author, delegation, time, an "edited" note, the text (or "Comment deleted"), and for its
 * author Edit and Delete (after confirmation), unless the draft is archived.
 */
export function CommentItem({ comment }: { comment: CommentView }) {
  const comments = useComments();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const archived = useDraftArchived();
  if (!comments) return null;
  const { draftId, me, data } = comments;
  const mine = mayChangeComment(comment, me) && !archived;

  return (
    <div ref={box} tabIndex={-1} className={comment.deleted ? 'comment comment-is-deleted' : 'comment'} data-comment-id={comment.id}>
      <p className="comment-meta">
        <span className="comment-author">{comment.author.name}</span>
        <span className="comment-affiliation">{affiliation(comment.author)}</span>
        <CommentTime iso={comment.createdAt} />
        {comment.editedAt && !comment.deleted ? (
          <span className="comment-edited" title="Changed after it was first posted">
            (edited)
          </span>
        ) : null}
      </p>
      {comment.deleted || comment.body === null ? (
        <p className="comment-deleted">Comment deleted</p>
      ) : editing ? (
        <CommentForm
          label="Edit your comment"
          submitLabel="Save"
          initial={comment.body}
          focusToken={0}
          onCancel={() => setEditing(false)}
          onSubmit={async (body) => {
            data.upsert(await commentsApi.update(draftId, comment.id, { body }));
            setEditing(false);
          }}
        />
      ) : (
        <PlainCommentText text={comment.body} />
      )}
      {mine && !editing ? (
        <div className="comment-actions">
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            Edit<span className="visually-hidden"> your comment</span>
          </button>
          <button type="button" className="link-button link-button-danger" onClick={() => setConfirming(true)}>
            Delete<span className="visually-hidden"> your comment</span>
          </button>
        </div>
      ) : null}
      {/* Mounted only while asking, so a long thread does not keep a dialog per comment in the page. */}
      {confirming ? (
        <ConfirmDialog
          open
          title="Delete this comment?"
          confirmLabel="Delete comment"
          destructive
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            data.upsert(await commentsApi.remove(draftId, comment.id));
            // The Delete button is gone with the text: keep focus on the comment (its marker) instead.
            requestAnimationFrame(() => box.current?.focus());
          }}
        >
          <p>Its text is removed for everyone. The thread keeps a note that a comment was deleted, and the replies stay.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
