import type {
  AuditEntryView,
  AuditQuery,
  ClauseStatusEntry,
  NegotiationState,
  PositionView,
  SetClauseStatusBody,
  SetPositionBody,
} from '../../../shared/api/negotiation.js';
import { NEGOTIATION_ACTIONS } from '../../../shared/api/negotiation.js';
import { readClauseTextProposals } from '../../../shared/amendments/proposals.js';
import { optionGroupOf, settleOption } from '../../../shared/doc/options.js';
import { readClause } from '../../../shared/doc/readClause.js';
import { isId } from '../../../shared/ids.js';
import { readBracketRuns } from '../../../shared/negotiation/brackets.js';
import {
  CLAUSE_STATUS_LABELS,
  DEFAULT_CLAUSE_STATUS,
  isAgreedStatus,
  statusChangeProblem,
  type ClauseStatus,
} from '../../../shared/negotiation/clauseStatus.js';
import type { NegotiationSnapshot } from '../../../shared/negotiation/NegotiationSnapshot.js';
import { describeUnsettled, type Unsettled } from '../../../shared/negotiation/unsettled.js';
import { POSITION_LABELS } from '../../../shared/negotiation/positions.js';
import type * as Y from 'yjs';
import { AppError } from '../AppError.js';
import { audit } from '../audit.js';
import type { Clock } from '../Clock.js';
import { delegationNameOf } from '../delegationName.js';
import type { DraftDocuments } from '../DraftDocuments.js';
import type { DraftEventBus } from '../DraftEventBus.js';
import { requireWritableDraft } from '../DraftService.js';
import { toAuditEntryView, toPositionView, toStatusEntry } from './negotiationViews.js';
import type { DelegationRecord, PositionRecord, UserRecord } from '../records.js';
import type { MetadataRepositories, Repositories } from '../repositories.js';
import { newId } from '../tokens.js';

/** What of the negotiation a saved version keeps (VersionService asks for it when saving and comparing). */
export interface NegotiationSnapshots {
  snapshot(draftId: string, at?: string): Promise<NegotiationSnapshot>;
}

/**
 * The negotiation records kept beside a draft's document: clause status (secretariat, history kept),
 * delegations' positions (only that delegation's delegates), settling a group of options (secretariat, an
 * edit of the live document), and the audit log of all of it. Every request is checked in full — role,
 * path ids, the clause in the document, the change itself — before anything is written, so a refused
 * request changes nothing. The negotiation of an archived draft is read-only (DRAFT_ARCHIVED).
 */
export class NegotiationService implements NegotiationSnapshots {
  constructor(
    private readonly metadata: MetadataRepositories,
    private readonly documents: DraftDocuments,
    private readonly events: DraftEventBus,
    private readonly clock: Clock,
  ) {}

  /** Statuses with their history, current positions, delegations and the numbering of the latest revision. */
  async state(draftId: string): Promise<NegotiationState> {
    const { negotiation, versions } = this.metadata;
    const [revision, statuses, positions, delegations] = await Promise.all([
      versions.latestRevision(draftId),
      negotiation.statusesByDraft(draftId),
      negotiation.positionsByDraft(draftId),
      this.metadata.delegations.list(),
    ]);
    const names = new Map(delegations.map((d) => [d.id, d.name]));
    const numbering = revision?.numbering ?? null;
    return {
      statuses: statuses.map(toStatusEntry),
      positions: positions.map((p) => toPositionView(p, names.get(p.delegationId) ?? '')),
      delegations: delegations.map((d) => ({ id: d.id, name: d.name })).sort((a, b) => a.name.localeCompare(b.name)),
      numbering,
      numberingRevision: numbering === null ? null : revision!.revision,
    };
  }

  /**
   * The negotiation as it stands at `at` (ISO; @default now), for a text of that moment: the numbering of the
   * latest revision published by then, delegation names, each clause's status then, and current positions.
   */
  async snapshot(draftId: string, at: string = this.clock().toISOString()): Promise<NegotiationSnapshot> {
    const { negotiation, versions } = this.metadata;
    const [revision, statusRecords, positionRecords, delegations] = await Promise.all([
      versions.latestRevision(draftId, at),
      negotiation.statusesByDraft(draftId),
      negotiation.positionsByDraft(draftId),
      this.metadata.delegations.list(),
    ]);
    const statuses: NegotiationSnapshot['statuses'] = {};
    // In the order they were made: a clause's last change at or before `at` is its status then.
    for (const record of statusRecords) {
      if (record.at <= at) statuses[record.clauseId] = { status: record.status, note: record.note, at: record.at, by: record.byName };
    }
    const positions: NegotiationSnapshot['positions'] = {};
    for (const p of positionRecords) {
      (positions[p.clauseId] ??= []).push({ delegationId: p.delegationId, position: p.position, text: p.text });
    }
    return {
      numbering: revision?.numbering ?? null,
      delegations: Object.fromEntries(delegations.map((d) => [d.id, d.name])),
      statuses,
      positions,
    };
  }

  /**
   * Sets a clause's status with a note (secretariat): appended to the clause's history. Agreeing a clause
   * that still holds undecided proposals or brackets is refused (CONFIRMATION_REQUIRED, with how many)
   * unless the request confirms it: agreed text is locked, so what is still open in it would stay frozen.
   */
  async setStatus(draftId: string, clauseId: string, body: SetClauseStatusBody, user: UserRecord): Promise<ClauseStatusEntry> {
    requireSecretariat(user, 'Only the secretariat sets the status of a clause.');
    await requireWritableDraft(this.metadata.drafts, draftId);
    await this.requireClause(draftId, clauseId);
    // Read before the metadata transaction (documents are slow work); a proposal or bracket added in the
    // moment between is a race the secretariat could not have seen either.
    const unsettled = isAgreedStatus(body.status) && body.confirm !== true ? await this.unsettled(draftId, clauseId) : null;
    const now = this.clock();
    const entry = await this.metadata.transaction(async (tx) => {
      await requireWritableDraft(tx.drafts, draftId);
      const current = (await tx.negotiation.currentStatus(draftId, clauseId))?.status ?? DEFAULT_CLAUSE_STATUS;
      const problem = statusChangeProblem(current, body.status);
      if (problem) throw new AppError('INVALID_STATUS_CHANGE', problem);
      if (unsettled && unsettled.proposals + unsettled.brackets > 0) {
        throw new AppError(
          'CONFIRMATION_REQUIRED',
          `This clause still has ${describeUnsettled(unsettled)}. Confirm to mark it “${CLAUSE_STATUS_LABELS[body.status]}” anyway.`,
          unsettled,
        );
      }
      const record = {
        id: newId(),
        draftId,
        clauseId,
        status: body.status,
        note: body.note,
        byId: user.id,
        byName: user.name,
        at: now.toISOString(),
      };
      await tx.negotiation.appendStatus(record);
      const detail = body.note ? `${CLAUSE_STATUS_LABELS[body.status]} — ${body.note}` : CLAUSE_STATUS_LABELS[body.status];
      await audit(tx.audit, now, user.id, 'clause.status', clauseId, await auditDetail(tx, user, draftId, clauseId, detail));
      return toStatusEntry(record);
    });
    this.events.publish(draftId, { type: 'clause.status', entry });
    return entry;
  }

  /** The clauses of a draft whose text is locked now: their current status is agreed or agreed ad ref. */
  async lockedClauses(draftId: string): Promise<Set<string>> {
    const current = new Map<string, ClauseStatus>();
    // Oldest first: a clause's last record is its status now.
    for (const record of await this.metadata.negotiation.statusesByDraft(draftId)) current.set(record.clauseId, record.status);
    return new Set([...current].filter(([, status]) => isAgreedStatus(status)).map(([clauseId]) => clauseId));
  }

  /** Undecided proposals and brackets in a clause's text (none in a "no text" option). */
  private unsettled(draftId: string, clauseId: string): Promise<Unsettled> {
    return this.documents.read(draftId, (doc) => {
      const clause = readClause(doc, clauseId);
      if (!clause) return { proposals: 0, brackets: 0 };
      return { proposals: readClauseTextProposals(clause).length, brackets: clause.noText ? 0 : readBracketRuns(clause.body).length };
    });
  }

  /**
   * Checks that `user` may record positions for the delegation in the path: DELEGATION_NOT_FOUND for an id
   * that names none, FORBIDDEN unless the member is a delegate of exactly that delegation.
   */
  async authorizePosition(delegationId: string, user: UserRecord): Promise<DelegationRecord> {
    const delegation = isId(delegationId) ? await this.metadata.delegations.get(delegationId) : null;
    if (!delegation) throw new AppError('DELEGATION_NOT_FOUND', 'No such delegation.');
    if (user.role !== 'delegate' || user.delegationId !== delegation.id) {
      throw new AppError('FORBIDDEN', 'Only delegates of this delegation record its positions.');
    }
    return delegation;
  }

  /** Records or changes a delegation's position on a clause (that delegation's delegates only). */
  async setPosition(
    draftId: string,
    clauseId: string,
    delegationId: string,
    body: SetPositionBody,
    user: UserRecord,
  ): Promise<PositionView> {
    const delegation = await this.authorizePosition(delegationId, user);
    await requireWritableDraft(this.metadata.drafts, draftId);
    await this.requireClause(draftId, clauseId);
    const text = body.position === 'reservation' ? (body.text ?? '') : null;
    // The same position again (a double click, a retry) is no change: nothing written, audited or announced.
    const same = await this.metadata.negotiation.findPosition(draftId, clauseId, delegationId);
    if (same && same.position === body.position && same.text === text) return toPositionView(same, delegation.name);
    const now = this.clock();
    const record: PositionRecord = {
      draftId,
      clauseId,
      delegationId,
      position: body.position,
      text,
      byId: user.id,
      byName: user.name,
      at: now.toISOString(),
    };
    await this.metadata.transaction(async (tx) => {
      await requireWritableDraft(tx.drafts, draftId);
      await tx.negotiation.putPosition(record);
      const detail = text === null ? POSITION_LABELS[body.position] : `${POSITION_LABELS[body.position]}: ${text}`;
      await audit(tx.audit, now, user.id, 'clause.position', clauseId, await auditDetail(tx, user, draftId, clauseId, detail));
    });
    const view = toPositionView(record, delegation.name);
    this.events.publish(draftId, { type: 'position.changed', position: view });
    return view;
  }

  /** Withdraws a delegation's position on a clause (that delegation's delegates only); nothing to withdraw is no change. */
  async withdrawPosition(draftId: string, clauseId: string, delegationId: string, user: UserRecord): Promise<void> {
    await this.authorizePosition(delegationId, user);
    await requireWritableDraft(this.metadata.drafts, draftId);
    await this.requireClause(draftId, clauseId);
    if (!(await this.metadata.negotiation.findPosition(draftId, clauseId, delegationId))) return;
    const now = this.clock();
    const withdrawn = await this.metadata.transaction(async (tx) => {
      await requireWritableDraft(tx.drafts, draftId);
      const removed = await tx.negotiation.removePosition(draftId, clauseId, delegationId);
      if (!removed) return false;
      const detail = `Withdrew “${POSITION_LABELS[removed.position]}”`;
      await audit(tx.audit, now, user.id, 'clause.position.withdrawn', clauseId, await auditDetail(tx, user, draftId, clauseId, detail));
      return true;
    });
    if (withdrawn) this.events.publish(draftId, { type: 'position.withdrawn', clauseId, delegationId, at: now.toISOString() });
  }

  /**
   * Settles the group of options `clauseId` belongs to on `optionId` (secretariat), as an edit of the live
   * document everyone connected receives (settleOption). NOT_AN_OPTION unless both are options of one group.
   */
  async settle(draftId: string, clauseId: string, optionId: string, user: UserRecord): Promise<{ settled: string }> {
    requireSecretariat(user, 'Only the secretariat settles a clause on an option.');
    await requireWritableDraft(this.metadata.drafts, draftId);
    if (!isId(clauseId)) throw new AppError('CLAUSE_NOT_FOUND', 'No such clause in this draft.');
    throwSettleProblem(await this.documents.read(draftId, (doc) => settleProblem(doc, clauseId, optionId)));
    // Checked again inside the change: the document may have moved on since the read.
    const outcome = await this.documents.change(draftId, (doc) => {
      const problem = settleProblem(doc, clauseId, optionId);
      if (problem) return { problem, detail: '' };
      const group = optionGroupOf(doc, clauseId)!;
      settleOption(doc, optionId);
      return { problem: null, detail: `Settled on Option ${group.indexOf(optionId) + 1} of ${group.length}` };
    });
    throwSettleProblem(outcome.problem);
    const now = this.clock();
    await audit(
      this.metadata.audit,
      now,
      user.id,
      'clause.settle',
      clauseId,
      await auditDetail(this.metadata, user, draftId, clauseId, outcome.detail),
    );
    return { settled: optionId };
  }

  /** One page of the draft's negotiation audit log, newest first (secretariat): see AuditQuery. */
  async auditLog(draftId: string, query: AuditQuery, user: UserRecord): Promise<AuditEntryView[]> {
    requireSecretariat(user, 'Only the secretariat reads the audit log.');
    const entries = await this.metadata.audit.pageByDraft(draftId, { ...query, actions: NEGOTIATION_ACTIONS });
    const views: AuditEntryView[] = [];
    for (const entry of entries) {
      const name = entry.actorName ?? (entry.actorId === null ? '' : ((await this.metadata.members.get(entry.actorId))?.name ?? ''));
      const view = toAuditEntryView(entry, name);
      if (view) views.push(view);
    }
    return views;
  }

  /** CLAUSE_NOT_FOUND unless the id has the id shape and names a clause of the draft's document (deleted ones included). */
  private async requireClause(draftId: string, clauseId: string): Promise<void> {
    const found = isId(clauseId) && (await this.documents.read(draftId, (doc) => readClause(doc, clauseId) !== null));
    if (!found) throw new AppError('CLAUSE_NOT_FOUND', 'No such clause in this draft.');
  }
}

/** What a negotiation audit entry keeps besides its action: the draft, the clause, the detail, and who, as they were then. */
async function auditDetail(repositories: Repositories, user: UserRecord, draftId: string, clauseId: string, detail: string) {
  return {
    draftId,
    clauseId,
    detail,
    actorName: user.name,
    delegation: await delegationNameOf(repositories.delegations, user.delegationId),
  };
}

type SettleProblem = 'missing' | 'not-option' | null;

function settleProblem(doc: Y.Doc, clauseId: string, optionId: string): SettleProblem {
  if (!readClause(doc, clauseId)) return 'missing';
  const group = optionGroupOf(doc, clauseId);
  return group?.includes(optionId) ? null : 'not-option';
}

function throwSettleProblem(problem: SettleProblem): void {
  if (problem === 'missing') throw new AppError('CLAUSE_NOT_FOUND', 'No such clause in this draft.');
  if (problem === 'not-option') throw new AppError('NOT_AN_OPTION', 'That is not an option of this clause.');
}

function requireSecretariat(user: UserRecord, message: string): void {
  if (user.role !== 'secretariat') throw new AppError('FORBIDDEN', message);
}
