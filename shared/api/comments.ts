import { z } from 'zod';
import { IdSchema } from './common.js';

/** Size limits of comments. */
export const COMMENT_LIMITS = {
  /** Characters in one comment. */
  bodyLength: 4000,
  /** Characters of the quoted passage kept with an anchored thread. */
  quoteLength: 1000,
  /** Characters of one encoded Yjs relative position (base64). */
  positionLength: 200,
} as const;

/**
 * Plain comment text: trimmed, not empty, line breaks and tabs kept, other control characters refused.
 * It is never interpreted as markup anywhere (rendered as text; URLs may be linked by the client).
 */
export const CommentText = z
  .string()
  .trim()
  .min(1, 'Write something first')
  .max(COMMENT_LIMITS.bodyLength, `At most ${COMMENT_LIMITS.bodyLength} characters`)
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'Must not contain control characters');

const EncodedPosition = z
  .string()
  .min(1)
  .max(COMMENT_LIMITS.positionLength)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Not a base64 relative position');

/**
 * Where a thread points inside its clause: two Yjs relative positions (Y.encodeRelativePosition, base64)
 * into the clause body, so the anchor follows the text as others edit; and the passage as it was quoted.
 */
export const CommentAnchor = z.strictObject({
  start: EncodedPosition,
  end: EncodedPosition,
  quote: z.string().min(1).max(COMMENT_LIMITS.quoteLength),
});
export type CommentAnchor = z.infer<typeof CommentAnchor>;

/** POST /api/drafts/:id/comments: a new thread on a clause (optionally anchored), or a reply (parentId). */
export const CreateCommentBody = z.strictObject({
  clauseId: IdSchema,
  body: CommentText,
  anchor: CommentAnchor.optional(),
  parentId: IdSchema.optional(),
});
export type CreateCommentBody = z.infer<typeof CreateCommentBody>;

/** PATCH /api/drafts/:id/comments/:commentId: edit your own text, or resolve / reopen a thread. */
export const UpdateCommentBody = z
  .strictObject({ body: CommentText.optional(), resolved: z.boolean().optional() })
  .refine((b) => b.body !== undefined || b.resolved !== undefined, { message: 'Nothing to change' });
export type UpdateCommentBody = z.infer<typeof UpdateCommentBody>;

export const CommentAuthor = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  /** Delegation name at the time of writing, or null. */
  delegation: z.string().nullable(),
});

/** A comment as the API returns it. A thread is its first comment (threadId === id) and the replies to it. */
export const CommentView = z.object({
  id: z.string(),
  draftId: z.string(),
  clauseId: z.string(),
  threadId: z.string(),
  /** Null for the first comment of a thread. */
  parentId: z.string().nullable(),
  author: CommentAuthor,
  /** Null once deleted: the comment stays in its thread as a marker. */
  body: z.string().nullable(),
  deleted: z.boolean(),
  /** Only on the first comment of an anchored thread. */
  anchor: CommentAnchor.nullable(),
  /** Thread state, only meaningful on the first comment. */
  resolved: z.boolean(),
  resolvedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
});
export type CommentView = z.infer<typeof CommentView>;
