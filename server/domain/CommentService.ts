import type { CommentAnchor, CommentView, CreateCommentBody, UpdateCommentBody } from '../../shared/api/comments.js';
import { resolveAnchorPosition } from '../../shared/comments/commentAnchor.js';
import { readClause } from '../../shared/doc/readClause.js';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { AppError } from './AppError.js';
import type { Clock } from './Clock.js';
import { delegationNameOf } from './delegationName.js';
import type { DraftDocuments } from './DraftDocuments.js';
import type { DraftEventBus } from './DraftEventBus.js';
import { requireWritableDraft } from './DraftService.js';
import type { CommentRecord, UserRecord } from './records.js';
import type { MetadataRepositories, Repositories } from './repositories.js';
import { newId } from './tokens.js';

export function toCommentView(c: CommentRecord): CommentView {
  return {
    id: c.id,
    draftId: c.draftId,
    clauseId: c.clauseId,
    threadId: c.threadId,
    parentId: c.parentId,
    author: { id: c.authorId, name: c.authorName, role: c.authorRole, delegation: c.authorDelegation },
    body: c.body,
    deleted: c.deletedAt !== null,
    anchor: c.anchor,
    resolved: c.resolved,
    resolvedBy: c.resolvedById ? { id: c.resolvedById, name: c.resolvedByName ?? '' } : null,
    resolvedAt: c.resolvedAt,
    createdAt: c.createdAt,
    editedAt: c.editedAt,
  };
}

async function findComment(repositories: Repositories, draftId: string, commentId: string): Promise<CommentRecord> {
  const comment = await repositories.comments.get(draftId, commentId);
  if (!comment) throw new AppError('COMMENT_NOT_FOUND', 'No such comment in this draft.');
  return comment;
}

/**
 * Comment threads on clauses. Every member who can read a draft may comment; only the author edits or
 * deletes a comment; a thread is resolved by its author or the secretariat and reopened by anyone. The
 * threads of an archived draft are read-only (DRAFT_ARCHIVED).
 */
export class CommentService {
  constructor(
    private readonly metadata: MetadataRepositories,
    private readonly documents: DraftDocuments,
    private readonly events: DraftEventBus,
    private readonly clock: Clock,
  ) {}

  async list(draftId: string): Promise<CommentView[]> {
    return (await this.metadata.comments.listByDraft(draftId)).map(toCommentView);
  }

  async create(draftId: string, body: CreateCommentBody, user: UserRecord): Promise<CommentView> {
    await requireWritableDraft(this.metadata.drafts, draftId);
    if (body.parentId && body.anchor) throw new AppError('VALIDATION_FAILED', 'A reply cannot have its own anchor.');
    await this.checkTarget(draftId, body.clauseId, body.anchor, !body.parentId);
    const now = this.clock().toISOString();
    const view = await this.metadata.transaction(async (tx) => {
      await requireWritableDraft(tx.drafts, draftId);
      const parent = body.parentId ? await findComment(tx, draftId, body.parentId) : null;
      if (parent && parent.clauseId !== body.clauseId) {
        throw new AppError('VALIDATION_FAILED', 'A reply must be on the same clause as its thread.');
      }
      const id = newId();
      const record: CommentRecord = {
        id,
        draftId,
        clauseId: body.clauseId,
        // A reply to a reply joins the same thread: threads are flat.
        threadId: parent ? parent.threadId : id,
        parentId: parent ? parent.id : null,
        authorId: user.id,
        authorName: user.name,
        authorRole: user.role,
        authorDelegation: await delegationNameOf(tx.delegations, user.delegationId),
        body: body.body,
        anchor: body.anchor ?? null,
        resolved: false,
        resolvedById: null,
        resolvedByName: null,
        resolvedAt: null,
        createdAt: now,
        editedAt: null,
        deletedAt: null,
      };
      await tx.comments.add(record);
      return toCommentView(record);
    });
    this.events.publish(draftId, { type: 'comment.changed', comment: view });
    return view;
  }

  async update(draftId: string, commentId: string, body: UpdateCommentBody, user: UserRecord): Promise<CommentView> {
    const now = this.clock().toISOString();
    const view = await this.metadata.transaction(async (tx) => {
      await requireWritableDraft(tx.drafts, draftId);
      const comment = await findComment(tx, draftId, commentId);
      if (body.resolved !== undefined && comment.parentId !== null)
        throw new AppError('VALIDATION_FAILED', 'Resolve the thread through its first comment.');
      if (comment.deletedAt && body.body !== undefined) throw new AppError('COMMENT_DELETED', 'This comment was deleted.');
      if (body.body !== undefined) {
        if (comment.authorId !== user.id) throw new AppError('FORBIDDEN', 'Only the author can edit a comment.');
        comment.body = body.body;
        comment.editedAt = now;
      }
      if (body.resolved !== undefined && body.resolved !== comment.resolved) {
        if (body.resolved && comment.authorId !== user.id && user.role !== 'secretariat') {
          throw new AppError('FORBIDDEN', 'Only the author of the thread or the secretariat can resolve it.');
        }
        comment.resolved = body.resolved;
        comment.resolvedById = body.resolved ? user.id : null;
        comment.resolvedByName = body.resolved ? user.name : null;
        comment.resolvedAt = body.resolved ? now : null;
      }
      await tx.comments.put(comment);
      return toCommentView(comment);
    });
    this.events.publish(draftId, { type: 'comment.changed', comment: view });
    return view;
  }

  /** Deletes the text of your own comment; a marker stays in the thread, and replies stay. */
  async delete(draftId: string, commentId: string, user: UserRecord): Promise<CommentView> {
    const now = this.clock().toISOString();
    const view = await this.metadata.transaction(async (tx) => {
      await requireWritableDraft(tx.drafts, draftId);
      const comment = await findComment(tx, draftId, commentId);
      if (comment.authorId !== user.id) throw new AppError('FORBIDDEN', 'Only the author can delete a comment.');
      if (comment.deletedAt) throw new AppError('COMMENT_DELETED', 'This comment was already deleted.');
      comment.body = null;
      comment.deletedAt = now;
      await tx.comments.put(comment);
      return toCommentView(comment);
    });
    this.events.publish(draftId, { type: 'comment.changed', comment: view });
    return view;
  }

  /** The clause must exist in the draft (and, for a new thread, still be in the text); an anchor must point into it. */
  private async checkTarget(draftId: string, clauseId: string, anchor: CommentAnchor | undefined, newThread: boolean): Promise<void> {
    const problem = await this.documents.read(draftId, (doc) => {
      if (!readClause(doc, clauseId)) return 'missing';
      if (newThread && !readOrderedClauses(doc).some((c) => c.id === clauseId)) return 'deleted';
      if (anchor && (!resolveAnchorPosition(doc, clauseId, anchor.start) || !resolveAnchorPosition(doc, clauseId, anchor.end)))
        return 'anchor';
      return null;
    });
    if (problem === 'missing') throw new AppError('CLAUSE_NOT_FOUND', 'No such clause in this draft.');
    if (problem === 'deleted') throw new AppError('CLAUSE_DELETED', 'This clause was deleted; reply to its existing threads instead.');
    if (problem === 'anchor') throw new AppError('BAD_ANCHOR', 'The quoted passage could not be found in this clause.');
  }
}
