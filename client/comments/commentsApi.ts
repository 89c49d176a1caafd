import { z } from 'zod';
import { CommentView, type CreateCommentBody, type UpdateCommentBody } from '../../shared/api/comments.js';
import { apiRequest } from '../common/api/apiRequest.js';

const base = (draftId: string) => `/drafts/${encodeURIComponent(draftId)}/comments`;

/** Comment threads of a draft: every member lists and writes them; the server checks who may change what. */
export const commentsApi = {
  list: (draftId: string) => apiRequest('GET', base(draftId), { schema: z.array(CommentView) }),
  /** A new thread on a clause (optionally anchored on a passage), or a reply (`parentId`). */
  create: (draftId: string, body: CreateCommentBody) => apiRequest('POST', base(draftId), { body, schema: CommentView }),
  /** Edits one's own text, or resolves / reopens a thread (through its first comment). */
  update: (draftId: string, commentId: string, body: UpdateCommentBody) =>
    apiRequest('PATCH', `${base(draftId)}/${encodeURIComponent(commentId)}`, { body, schema: CommentView }),
  /** Deletes one's own comment; the answer is the marker that stays in the thread. */
  remove: (draftId: string, commentId: string) =>
    apiRequest('DELETE', `${base(draftId)}/${encodeURIComponent(commentId)}`, { schema: CommentView }),
};
