import type * as Y from 'yjs';
import type { AmendmentView, BulkDecisionBody, DecisionResult } from '../../../shared/api/amendments.js';
import { decideInClause, type Decision } from '../../../shared/amendments/decideProposals.js';
import { decideClauseProposal, isClauseProposal, readAmendments, type Amendment } from '../../../shared/amendments/clauseProposals.js';
import { readClause } from '../../../shared/doc/readClause.js';
import type { RoomMember } from '../../rooms/RoomClient.js';
import { AppError } from '../AppError.js';
import type { Clock } from '../Clock.js';
import { delegationNameOf } from '../delegationName.js';
import type { DraftDocuments } from '../DraftDocuments.js';
import { requireWritableDraft } from '../DraftService.js';
import type { UserRecord } from '../records.js';
import type { MetadataRepositories } from '../repositories.js';
import { AmendmentLedger, type AmendmentAction, type DraftLedger } from './AmendmentLedger.js';
import { auditAmendments, type AmendmentActor } from './auditAmendments.js';

/** Which clauses are locked now (agreed or agreed ad ref): NegotiationService knows the statuses. */
export interface LockedClauses {
  lockedClauses(draftId: string): Promise<Set<string>>;
}

export interface AmendmentServiceDeps {
  metadata: MetadataRepositories;
  documents: DraftDocuments;
  negotiation: LockedClauses;
  clock: Clock;
}

/**
 * Proposals (amendments) in a draft's text and the decisions on them. The proposals live in the document
 * (insertion and deletion marks, shared/amendments/proposals.ts); this lists them, records when each was
 * first seen, and carries out decisions: the secretariat accepts or rejects any proposal, one at a time or
 * in bulk; a delegate of the proposing delegation may reject (withdraw) their own delegation's. Each
 * decision is one change of the live document (everyone connected sees it at once) and one audit entry per
 * proposal decided. Proposals on locked clauses (agreed, agreed ad ref) are not decided, nor any proposal of
 * an archived draft (DRAFT_ARCHIVED).
 */
export class AmendmentService {
  private readonly ledger: AmendmentLedger;
  /**
   * Proposals listed before any `amendment.proposed` entry named them (made before the room reported
   * proposals, or by a path that does not): when this process first listed them, so their createdAt holds
   * still from one request to the next.
   */
  private readonly firstListed = new Map<string, string>();

  constructor(private readonly deps: AmendmentServiceDeps) {
    this.ledger = new AmendmentLedger(deps.metadata.audit);
  }

  /** The undecided proposals of a draft in reading order, with when the server first saw each. */
  /** The proposal ids of a draft that were decided: kept current as decisions are made (never reused). */
  async decidedIds(draftId: string): Promise<ReadonlySet<string>> {
    return (await this.ledger.of(draftId)).decided;
  }

  async list(draftId: string): Promise<AmendmentView[]> {
    const ledger = await this.ledger.of(draftId);
    const proposals = await this.deps.documents.read(draftId, readAmendments);
    return proposals.map((proposal) => ({ ...proposal, createdAt: this.createdAt(ledger, draftId, proposal.id) }));
  }

  /**
   * A member's update made new proposals (the room extension reports them, with the proposing delegation
   * already the sender's): each proposal id not seen before gets an `amendment.proposed` entry, whose time is
   * its createdAt. Ids seen before are skipped, so reporting a proposal again (it grew) records nothing.
   * Resolves once durable.
   */
  async proposalsMade(draftId: string, actor: RoomMember, proposals: readonly Amendment[]): Promise<void> {
    const ledger = await this.ledger.of(draftId);
    const now = this.deps.clock();
    const fresh = new Map<string, Amendment>();
    for (const proposal of proposals) {
      if (!ledger.proposedAt.has(proposal.id) && !fresh.has(proposal.id)) fresh.set(proposal.id, proposal);
    }
    if (fresh.size === 0) return;
    // Marked before the write, so a report arriving meanwhile does not record them again.
    for (const id of fresh.keys()) ledger.proposedAt.set(id, now.toISOString());
    try {
      await auditAmendments(this.deps.metadata, {
        draftId,
        at: now,
        actor: { id: actor.id, name: actor.name, delegation: actor.delegation },
        action: 'amendment.proposed',
        proposals: [...fresh.values()],
      });
    } catch (error) {
      for (const id of fresh.keys()) ledger.proposedAt.delete(id);
      throw error;
    }
  }

  /**
   * Accepts or rejects one proposal. The secretariat decides any; a delegate of the proposing delegation
   * may only reject (withdraw) it; anyone else FORBIDDEN. AMENDMENT_NOT_FOUND for an id the text does not
   * hold and never held, AMENDMENT_DECIDED for one decided before, CLAUSE_LOCKED while its clause is agreed.
   */
  async decide(draftId: string, amendmentId: string, decision: Decision, user: UserRecord): Promise<DecisionResult> {
    const withdrawing = user.role === 'delegate' && decision === 'reject';
    if (user.role !== 'secretariat' && !withdrawing) {
      throw new AppError('FORBIDDEN', 'Only the secretariat decides on proposals; a delegation may withdraw its own.');
    }
    await requireWritableDraft(this.deps.metadata.drafts, draftId);
    const ledger = await this.ledger.of(draftId);
    const found = await this.deps.documents.read(draftId, (doc) => readAmendments(doc).filter((p) => p.id === amendmentId));
    if (found.length === 0) throw missing(ledger, amendmentId);
    if (user.role !== 'secretariat' && found.some((p) => p.delegationId !== user.delegationId)) {
      throw new AppError('FORBIDDEN', 'Only the secretariat decides on another delegation’s proposal.');
    }
    const locked = await this.deps.negotiation.lockedClauses(draftId);
    if (found.some((p) => locked.has(p.clauseId))) throw clauseLocked();
    // Taken again inside the change: the text may have moved on since the read (decided meanwhile).
    const decided = await this.deps.documents.change(draftId, (doc) =>
      carryOut(
        doc,
        readAmendments(doc).filter((p) => p.id === amendmentId && !locked.has(p.clauseId)),
        decision,
        ledger,
      ),
    );
    if (decided.length === 0) throw missing(ledger, amendmentId);
    await this.audit(draftId, user, actionOf(decision, withdrawing), decided);
    return { decided: [amendmentId] };
  }

  /**
   * Accepts or rejects every proposal of the draft (secretariat), or those of one clause, one delegation,
   * or both, as one change. Proposals on locked clauses are left as they are; naming a locked clause is
   * CLAUSE_LOCKED, naming a clause the draft does not have CLAUSE_NOT_FOUND.
   */
  async decideAll(draftId: string, filter: BulkDecisionBody, decision: Decision, user: UserRecord): Promise<DecisionResult> {
    if (user.role !== 'secretariat') throw new AppError('FORBIDDEN', 'Only the secretariat decides on proposals in bulk.');
    await requireWritableDraft(this.deps.metadata.drafts, draftId);
    const { clauseId, delegationId } = filter;
    if (clauseId !== undefined && !(await this.deps.documents.read(draftId, (doc) => readClause(doc, clauseId) !== null))) {
      throw new AppError('CLAUSE_NOT_FOUND', 'No such clause in this draft.');
    }
    const locked = await this.deps.negotiation.lockedClauses(draftId);
    if (clauseId !== undefined && locked.has(clauseId)) throw clauseLocked();
    const ledger = await this.ledger.of(draftId);
    const chosen = (doc: Y.Doc) =>
      readAmendments(doc).filter(
        (p) =>
          !locked.has(p.clauseId) &&
          (clauseId === undefined || p.clauseId === clauseId) &&
          (delegationId === undefined || p.delegationId === delegationId),
      );
    // Nothing to decide is no change: the document is not touched.
    if ((await this.deps.documents.read(draftId, chosen)).length === 0) return { decided: [] };
    const decided = await this.deps.documents.change(draftId, (doc) => carryOut(doc, chosen(doc), decision, ledger));
    await this.audit(draftId, user, actionOf(decision, false), decided);
    return { decided: [...new Set(decided.map((p) => p.id))] };
  }

  private createdAt(ledger: DraftLedger, draftId: string, id: string): string {
    const recorded = ledger.proposedAt.get(id);
    if (recorded) return recorded;
    const key = `${draftId}/${id}`;
    let listed = this.firstListed.get(key);
    if (!listed) {
      listed = this.deps.clock().toISOString();
      this.firstListed.set(key, listed);
    }
    return listed;
  }

  private async audit(draftId: string, user: UserRecord, action: AmendmentAction, proposals: readonly Amendment[]): Promise<void> {
    const actor: AmendmentActor = {
      id: user.id,
      name: user.name,
      delegation: await delegationNameOf(this.deps.metadata.delegations, user.delegationId),
    };
    await auditAmendments(this.deps.metadata, { draftId, at: this.deps.clock(), actor, action, proposals });
  }
}

/**
 * Carries out a decision on proposals in the caller's transaction (decideInClause, clause by clause) and
 * marks them decided at once. Returns the proposals decided.
 */
function carryOut(doc: Y.Doc, proposals: readonly Amendment[], decision: Decision, ledger: DraftLedger): Amendment[] {
  const byClause = new Map<string, Set<string>>();
  for (const p of proposals) {
    const ids = byClause.get(p.clauseId) ?? new Set<string>();
    ids.add(p.id);
    byClause.set(p.clauseId, ids);
  }
  for (const [clauseId, ids] of byClause) {
    const clause = readClause(doc, clauseId);
    if (clause) decideInClause(clause, ids, decision);
  }
  // Whole clauses last: a rejected proposed clause leaves the order after its text was decided.
  for (const p of proposals) {
    const clause = isClauseProposal(p) ? readClause(doc, p.clauseId) : null;
    if (clause && isClauseProposal(p)) decideClauseProposal(doc, clause, p.kind, decision);
  }
  for (const p of proposals) ledger.decided.add(p.id);
  return [...proposals];
}

function actionOf(decision: Decision, withdrawing: boolean): AmendmentAction {
  if (decision === 'accept') return 'amendment.accepted';
  return withdrawing ? 'amendment.withdrawn' : 'amendment.rejected';
}

/** An id the text does not hold: decided before (AMENDMENT_DECIDED) or never made (AMENDMENT_NOT_FOUND). */
function missing(ledger: DraftLedger, amendmentId: string): AppError {
  if (ledger.decided.has(amendmentId))
    return new AppError('AMENDMENT_DECIDED', 'This proposal was already accepted, rejected or withdrawn.');
  return new AppError('AMENDMENT_NOT_FOUND', 'No such proposal in this draft.');
}

function clauseLocked(): AppError {
  return new AppError('CLAUSE_LOCKED', 'This clause is agreed: its text and the proposals on it are locked until it is reopened.');
}
