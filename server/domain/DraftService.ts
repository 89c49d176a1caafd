import { DEFAULT_EDITING_MODE, type CreateDraftBody, type DraftSummary, type UpdateDraftBody } from '../../shared/api/drafts.js';
import { AppError } from './AppError.js';
import { audit } from './audit.js';
import type { Clock } from './Clock.js';
import type { DraftEventBus } from './DraftEventBus.js';
import type { DraftRecord } from './records.js';
import type { DraftRepository, MetadataRepositories } from './repositories.js';
import { newId } from './tokens.js';

export function toDraftSummary(draft: DraftRecord): DraftSummary {
  return {
    id: draft.id,
    title: draft.title,
    archived: draft.archived,
    editingMode: draft.editingMode ?? DEFAULT_EDITING_MODE,
    createdAt: draft.createdAt,
    updatedAt: draft.updatedAt,
    counts: { brackets: draft.counts?.brackets ?? 0, options: draft.counts?.options ?? 0, proposals: draft.counts?.proposals ?? 0 },
  };
}

/**
 * The drafts of the workspace (their metadata; the text lives in the collaborative document).
 * Every member may read every draft; only the secretariat creates, renames and archives.
 *
 * An archived draft is read-only for everyone until the secretariat restores it: the other services refuse
 * every change of it with DRAFT_ARCHIVED (requireWritableDraft), and its collaboration sockets are
 * read-only (server/collab/authenticateMember.ts; the `draft.updated` event published here closes the
 * sockets open at the moment, on every process, so they reconnect with the new permission). Renaming and
 * restoring it stay possible; its editing mode does not change while it is archived.
 */
export class DraftService {
  constructor(
    private readonly metadata: MetadataRepositories,
    private readonly clock: Clock,
    private readonly events: DraftEventBus,
  ) {}

  /** All drafts, newest first. */
  async list(): Promise<DraftSummary[]> {
    return (await this.metadata.drafts.list()).map(toDraftSummary).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** The draft's record, or DRAFT_NOT_FOUND. */
  async get(id: string): Promise<DraftRecord> {
    return requireDraft(await this.metadata.drafts.get(id));
  }

  /** Creates a draft; the workspace stream announces it as `draft.updated`. */
  async create(body: CreateDraftBody, actorId: string | null): Promise<DraftSummary> {
    const now = this.clock();
    const draft: DraftRecord = {
      id: newId(),
      title: body.title,
      archived: false,
      template: body.template,
      createdBy: actorId,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      // Both templates are plain paragraphs: a new draft has no brackets, options or proposals.
      counts: { brackets: 0, options: 0, proposals: 0 },
      editingMode: DEFAULT_EDITING_MODE,
    };
    await this.metadata.transaction(async (tx) => {
      await tx.drafts.add(draft);
      await audit(tx.audit, now, actorId, 'draft.create', draft.id);
    });
    const summary = toDraftSummary(draft);
    this.events.publish(summary.id, { type: 'draft.updated', draft: summary });
    return summary;
  }

  async update(id: string, body: UpdateDraftBody, actorId: string | null): Promise<DraftSummary> {
    const now = this.clock();
    const summary = await this.metadata.transaction(async (tx) => {
      const draft = requireDraft(await tx.drafts.get(id));
      // The editing mode is how the text is edited: not changed on a draft that stays archived (restoring it
      // in the same request is fine). A rename is only a label, and restoring is how it becomes writable again.
      const staysArchived = draft.archived && body.archived !== false;
      if (staysArchived && body.editingMode !== undefined && body.editingMode !== (draft.editingMode ?? DEFAULT_EDITING_MODE)) {
        throw draftArchived();
      }
      if (body.title !== undefined) draft.title = body.title;
      if (body.archived !== undefined) draft.archived = body.archived;
      const modeChanged = body.editingMode !== undefined && body.editingMode !== (draft.editingMode ?? DEFAULT_EDITING_MODE);
      if (body.editingMode !== undefined) draft.editingMode = body.editingMode;
      draft.updatedAt = now.toISOString();
      await tx.drafts.put(draft);
      if (body.title !== undefined) await audit(tx.audit, now, actorId, 'draft.rename', id);
      if (body.archived !== undefined) await audit(tx.audit, now, actorId, body.archived ? 'draft.archive' : 'draft.unarchive', id);
      if (modeChanged) await audit(tx.audit, now, actorId, 'draft.editingMode', id, { draftId: id, detail: draft.editingMode });
      return toDraftSummary(draft);
    });
    this.events.publish(id, { type: 'draft.updated', draft: summary });
    return summary;
  }
}

/** The draft, or DRAFT_NOT_FOUND. */
export function requireDraft(draft: DraftRecord | null): DraftRecord {
  if (!draft) throw new AppError('DRAFT_NOT_FOUND', 'No such draft.');
  return draft;
}

/**
 * The draft, when it may be changed: DRAFT_NOT_FOUND when there is none, DRAFT_ARCHIVED while it is archived.
 * Every service that changes a draft (its comments, versions, negotiation, proposals; its text through the
 * server) calls this once the member's permission is checked and before it reads or changes anything else,
 * and again inside its metadata transaction where it has one: archiving runs in a transaction too, so such a
 * change racing the archiving either lands before it or is refused. A change of the text (settling, deciding
 * proposals, restoring a version) is checked just before it is made.
 */
export async function requireWritableDraft(drafts: Pick<DraftRepository, 'get'>, draftId: string): Promise<DraftRecord> {
  const draft = requireDraft(await drafts.get(draftId));
  if (draft.archived) throw draftArchived();
  return draft;
}

function draftArchived(): AppError {
  return new AppError('DRAFT_ARCHIVED', 'This draft is archived. Restore it to change it.');
}
