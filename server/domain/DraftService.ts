import {
  DEFAULT_EDITING_MODE,
  type CreateDraftBody,
  type DraftParticipants,
  type DraftSummary,
  type UpdateDraftBody,
} from '../../shared/api/drafts.js';
import { AppError } from './AppError.js';
import { audit } from './audit.js';
import type { Clock } from './Clock.js';
import type { DraftEventBus } from './DraftEventBus.js';
import type { DraftRecord, UserRecord } from './records.js';
import type { DraftRepository, MetadataRepositories, Repositories } from './repositories.js';
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
    participants: draft.participants ?? null,
  };
}

/** What the participants rule needs to know of a member (a UserRecord, or a socket's RoomMember). */
export type Participant = Pick<UserRecord, 'id' | 'role' | 'delegationId'>;

/**
 * Whether `member` takes part in the draft, so may find it at all: the secretariat always; with participants
 * chosen (not null), a delegate of a listed delegation or a member listed by id; with none chosen, everyone.
 * The one rule behind the drafts list, every route of a draft (DraftService.getFor), the workspace event
 * stream and the collaboration socket (server/collab/authenticateMember.ts and attachCollabServer.ts).
 */
export function mayAccess(member: Participant, draft: { participants?: DraftParticipants | null }): boolean {
  const participants = draft.participants;
  if (!participants || member.role === 'secretariat') return true;
  if (participants.memberIds.includes(member.id)) return true;
  return member.role === 'delegate' && member.delegationId !== null && participants.delegationIds.includes(member.delegationId);
}

/**
 * The drafts of the workspace (their metadata; the text lives in the collaborative document).
 * A member reads the drafts they take part in (mayAccess: all of them unless the secretariat chose the
 * participants); only the secretariat creates, renames, archives and chooses participants. To a member who
 * does not take part, a draft does not exist: getFor answers DRAFT_NOT_FOUND, as for an unknown id.
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

  /** The drafts `member` takes part in, newest first. */
  async list(member: Participant): Promise<DraftSummary[]> {
    return (await this.listAll()).filter((draft) => mayAccess(member, draft));
  }

  /** Every draft, newest first, whoever takes part: for the operator (the admin CLI), never for a member. */
  async listAll(): Promise<DraftSummary[]> {
    return (await this.metadata.drafts.list()).map(toDraftSummary).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** The draft's record, or DRAFT_NOT_FOUND; whoever asks (the server's own work: counts, rooms ...). */
  async get(id: string): Promise<DraftRecord> {
    return requireDraft(await this.metadata.drafts.get(id));
  }

  /**
   * The draft's record for `member`: DRAFT_NOT_FOUND when there is none or they do not take part in it
   * (mayAccess), alike, so a member learns nothing of drafts they are not in. Every route of a draft loads
   * it through here (server/http/draftAccess.ts).
   */
  async getFor(member: Participant, id: string): Promise<DraftRecord> {
    const draft = await this.get(id);
    if (!mayAccess(member, draft)) throw draftNotFound();
    return draft;
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
      const participants = body.participants === undefined ? undefined : await knownParticipants(tx, body.participants);
      const participantsChanged = participants !== undefined && JSON.stringify(participants) !== JSON.stringify(draft.participants ?? null);
      if (participants !== undefined) draft.participants = participants;
      draft.updatedAt = now.toISOString();
      await tx.drafts.put(draft);
      if (body.title !== undefined) await audit(tx.audit, now, actorId, 'draft.rename', id);
      if (body.archived !== undefined) await audit(tx.audit, now, actorId, body.archived ? 'draft.archive' : 'draft.unarchive', id);
      if (modeChanged) await audit(tx.audit, now, actorId, 'draft.editingMode', id, { draftId: id, detail: draft.editingMode });
      if (participantsChanged) {
        await audit(tx.audit, now, actorId, 'draft.participants', id, { draftId: id, detail: await participantsDetail(tx, participants) });
      }
      return toDraftSummary(draft);
    });
    this.events.publish(id, { type: 'draft.updated', draft: summary });
    return summary;
  }
}

/**
 * The participants as they are kept: each id once, in the order given. UNKNOWN_PARTICIPANTS, listing them,
 * when any delegation or member does not exist (read in the update's transaction, so nothing is changed).
 */
async function knownParticipants(tx: Repositories, participants: DraftParticipants | null): Promise<DraftParticipants | null> {
  if (participants === null) return null;
  const delegationIds = [...new Set(participants.delegationIds)];
  const memberIds = [...new Set(participants.memberIds)];
  const unknown = {
    delegationIds: (await Promise.all(delegationIds.map(async (id) => ((await tx.delegations.get(id)) ? null : id)))).filter(isString),
    memberIds: (await Promise.all(memberIds.map(async (id) => ((await tx.members.get(id)) ? null : id)))).filter(isString),
  };
  if (unknown.delegationIds.length > 0 || unknown.memberIds.length > 0) {
    throw new AppError('UNKNOWN_PARTICIPANTS', 'Some of the participants do not exist.', unknown);
  }
  return { delegationIds, memberIds };
}

const isString = (value: string | null): value is string => value !== null;

/** The audit entry's detail of a participants change: who takes part now, by name ("Everyone" for null). */
async function participantsDetail(tx: Repositories, participants: DraftParticipants | null | undefined): Promise<string> {
  if (!participants) return 'Everyone';
  const delegations = await Promise.all(participants.delegationIds.map(async (id) => (await tx.delegations.get(id))?.name ?? id));
  const members = await Promise.all(participants.memberIds.map(async (id) => (await tx.members.get(id))?.name ?? id));
  const parts = [...delegations, ...members];
  return parts.length > 0 ? parts.join(', ') : 'Secretariat only';
}

/** The draft, or DRAFT_NOT_FOUND. */
export function requireDraft(draft: DraftRecord | null): DraftRecord {
  if (!draft) throw draftNotFound();
  return draft;
}

function draftNotFound(): AppError {
  return new AppError('DRAFT_NOT_FOUND', 'No such draft.');
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
