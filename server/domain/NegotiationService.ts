import type {
  AuditEntryView,
  ClauseStatusEntry,
  NegotiationState,
  PositionView,
  SetClauseStatusBody,
  SetPositionBody,
} from '../../shared/api/negotiation.js';
import { optionGroupOf, settleOption } from '../../shared/doc/options.js';
import { readClause } from '../../shared/doc/readClause.js';
import { isId } from '../../shared/ids.js';
import { CLAUSE_STATUS_LABELS, statusChangeProblem } from '../../shared/negotiation/clauseStatus.js';
import type { NegotiationSnapshot } from '../../shared/negotiation/NegotiationSnapshot.js';
import { POSITION_LABELS } from '../../shared/negotiation/positions.js';
import type * as Y from 'yjs';
import type { DelegationRecord, Metadata, PositionRecord, UserRecord } from '../storage/MetadataSchema.js';
import type { MetadataStore } from '../storage/MetadataStore.js';
import { AppError } from './AppError.js';
import { audit } from './audit.js';
import type { Clock } from './Clock.js';
import type { DraftDocuments } from './DraftDocuments.js';
import type { DraftEventBus } from './DraftEventBus.js';
import {
  currentStatus,
  currentStatusRecord,
  delegationNameOf,
  latestRevision,
  toAuditEntryView,
  toPositionView,
  toStatusEntry,
} from './negotiationViews.js';
import { newId } from './tokens.js';

/** What of the negotiation a saved version keeps (VersionService asks for it when saving and comparing). */
export interface NegotiationSnapshots {
  snapshot(draftId: string, at?: string): NegotiationSnapshot;
}

/**
 * The negotiation records kept beside a draft's document: clause status (secretariat, history kept),
 * delegations' positions (only that delegation's delegates), settling a group of options (secretariat, an
 * edit of the live document), and the audit log of all of it. Every request is checked in full — role,
 * path ids, the clause in the document, the change itself — before anything is written, so a refused
 * request changes nothing.
 */
export class NegotiationService implements NegotiationSnapshots {
  constructor(
    private readonly store: MetadataStore,
    private readonly documents: DraftDocuments,
    private readonly events: DraftEventBus,
    private readonly clock: Clock,
  ) {}

  /** Statuses with their history, current positions, delegations and the numbering of the latest revision. */
  state(draftId: string): NegotiationState {
    const data = this.store.read();
    const revision = latestRevision(data, draftId);
    const numbering = revision?.numbering ?? null;
    return {
      statuses: data.clauseStatuses.filter((s) => s.draftId === draftId).map(toStatusEntry),
      positions: data.positions.filter((p) => p.draftId === draftId).map((p) => toPositionView(data, p)),
      delegations: data.delegations.map((d) => ({ id: d.id, name: d.name })).sort((a, b) => a.name.localeCompare(b.name)),
      numbering,
      numberingRevision: numbering === null ? null : revision!.revision,
    };
  }

  /**
   * The negotiation as it stands at `at` (ISO; @default now), for a text of that moment: the numbering of the
   * latest revision published by then, delegation names, each clause's status then, and current positions.
   */
  snapshot(draftId: string, at: string = this.clock().toISOString()): NegotiationSnapshot {
    const data = this.store.read();
    const statuses: NegotiationSnapshot['statuses'] = {};
    for (const clauseId of new Set(data.clauseStatuses.filter((s) => s.draftId === draftId).map((s) => s.clauseId))) {
      const record = currentStatusRecord(data, draftId, clauseId, at);
      if (record) statuses[clauseId] = { status: record.status, note: record.note, at: record.at, by: record.byName };
    }
    const positions: NegotiationSnapshot['positions'] = {};
    for (const p of data.positions) {
      if (p.draftId !== draftId) continue;
      (positions[p.clauseId] ??= []).push({ delegationId: p.delegationId, position: p.position, text: p.text });
    }
    return {
      numbering: latestRevision(data, draftId, at)?.numbering ?? null,
      delegations: Object.fromEntries(data.delegations.map((d) => [d.id, d.name])),
      statuses,
      positions,
    };
  }

  /** Sets a clause's status with a note (secretariat): appended to the clause's history. */
  async setStatus(draftId: string, clauseId: string, body: SetClauseStatusBody, user: UserRecord): Promise<ClauseStatusEntry> {
    requireSecretariat(user, 'Only the secretariat sets the status of a clause.');
    await this.requireClause(draftId, clauseId);
    const now = this.clock();
    const entry = await this.store.update((data) => {
      const problem = statusChangeProblem(currentStatus(data, draftId, clauseId), body.status);
      if (problem) throw new AppError('INVALID_STATUS_CHANGE', problem);
      const record = { id: newId(), draftId, clauseId, status: body.status, note: body.note, byId: user.id, byName: user.name, at: now.toISOString() };
      data.clauseStatuses.push(record);
      const detail = body.note ? `${CLAUSE_STATUS_LABELS[body.status]} — ${body.note}` : CLAUSE_STATUS_LABELS[body.status];
      audit(data, now, user.id, 'clause.status', clauseId, this.auditDetail(data, user, draftId, clauseId, detail));
      return toStatusEntry(record);
    });
    this.events.publish(draftId, { type: 'clause.status', entry });
    return entry;
  }

  /**
   * Checks that `user` may record positions for the delegation in the path: DELEGATION_NOT_FOUND for an id
   * that names none, FORBIDDEN unless the member is a delegate of exactly that delegation.
   */
  authorizePosition(delegationId: string, user: UserRecord): DelegationRecord {
    const delegation = isId(delegationId) ? this.store.read().delegations.find((d) => d.id === delegationId) : undefined;
    if (!delegation) throw new AppError('DELEGATION_NOT_FOUND', 'No such delegation.');
    if (user.role !== 'delegate' || user.delegationId !== delegation.id) {
      throw new AppError('FORBIDDEN', 'Only delegates of this delegation record its positions.');
    }
    return delegation;
  }

  /** Records or changes a delegation's position on a clause (that delegation's delegates only). */
  async setPosition(draftId: string, clauseId: string, delegationId: string, body: SetPositionBody, user: UserRecord): Promise<PositionView> {
    this.authorizePosition(delegationId, user);
    await this.requireClause(draftId, clauseId);
    const text = body.position === 'reservation' ? (body.text ?? '') : null;
    // The same position again (a double click, a retry) is no change: nothing written, audited or announced.
    const current = this.store.read();
    const same = current.positions.find((p) => samePlace(p, { draftId, clauseId, delegationId }) && p.position === body.position && p.text === text);
    if (same) return toPositionView(current, same);
    const now = this.clock();
    const view = await this.store.update((data) => {
      const record: PositionRecord = { draftId, clauseId, delegationId, position: body.position, text, byId: user.id, byName: user.name, at: now.toISOString() };
      const index = data.positions.findIndex((p) => samePlace(p, record));
      if (index >= 0) data.positions[index] = record;
      else data.positions.push(record);
      const detail = text === null ? POSITION_LABELS[body.position] : `${POSITION_LABELS[body.position]}: ${text}`;
      audit(data, now, user.id, 'clause.position', clauseId, this.auditDetail(data, user, draftId, clauseId, detail));
      return toPositionView(data, record);
    });
    this.events.publish(draftId, { type: 'position.changed', position: view });
    return view;
  }

  /** Withdraws a delegation's position on a clause (that delegation's delegates only); nothing to withdraw is no change. */
  async withdrawPosition(draftId: string, clauseId: string, delegationId: string, user: UserRecord): Promise<void> {
    this.authorizePosition(delegationId, user);
    await this.requireClause(draftId, clauseId);
    const place = { draftId, clauseId, delegationId };
    if (!this.store.read().positions.some((p) => samePlace(p, place))) return;
    const now = this.clock();
    const withdrawn = await this.store.update((data) => {
      const index = data.positions.findIndex((p) => samePlace(p, place));
      if (index < 0) return false;
      const [removed] = data.positions.splice(index, 1);
      const detail = `Withdrew “${POSITION_LABELS[removed!.position]}”`;
      audit(data, now, user.id, 'clause.position.withdrawn', clauseId, this.auditDetail(data, user, draftId, clauseId, detail));
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
    await this.store.update((data) => audit(data, now, user.id, 'clause.settle', clauseId, this.auditDetail(data, user, draftId, clauseId, outcome.detail)));
    return { settled: optionId };
  }

  /** The draft's negotiation audit log, newest first (secretariat). */
  auditLog(draftId: string, user: UserRecord): AuditEntryView[] {
    requireSecretariat(user, 'Only the secretariat reads the audit log.');
    const data = this.store.read();
    const entries: AuditEntryView[] = [];
    for (let i = data.audit.length - 1; i >= 0; i -= 1) {
      const record = data.audit[i]!;
      if (record.draftId !== draftId) continue;
      const view = toAuditEntryView(data, record);
      if (view) entries.push(view);
    }
    return entries;
  }

  /** CLAUSE_NOT_FOUND unless the id has the id shape and names a clause of the draft's document (deleted ones included). */
  private async requireClause(draftId: string, clauseId: string): Promise<void> {
    const found = isId(clauseId) && (await this.documents.read(draftId, (doc) => readClause(doc, clauseId) !== null));
    if (!found) throw new AppError('CLAUSE_NOT_FOUND', 'No such clause in this draft.');
  }

  private auditDetail(data: Metadata, user: UserRecord, draftId: string, clauseId: string, detail: string) {
    return { draftId, clauseId, detail, actorName: user.name, delegation: delegationNameOf(data, user.delegationId) };
  }
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

function samePlace(a: Pick<PositionRecord, 'draftId' | 'clauseId' | 'delegationId'>, b: Pick<PositionRecord, 'draftId' | 'clauseId' | 'delegationId'>): boolean {
  return a.draftId === b.draftId && a.clauseId === b.clauseId && a.delegationId === b.delegationId;
}
