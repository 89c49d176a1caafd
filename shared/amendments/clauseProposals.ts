import type * as Y from 'yjs';
import { readParagraphs } from '../doc/clauseBody.js';
import type { ClauseView } from '../doc/readClause.js';
import { readOrderedClauses } from '../doc/readOrderedClauses.js';
import { CLAUSE_FIELD, getOrder } from '../doc/schema.js';
import { readClauseTextProposals, type Proposal } from './proposals.js';
import type { Decision } from './decideProposals.js';

/**
 * Proposals on whole clauses (amendments mode): a delegation's proposed new clause (`proposedBy` on the
 * clause) and a proposal to delete a clause (`deletionProposedBy`), listed with the text proposals.
 */
export const CLAUSE_PROPOSAL_KINDS = ['clause-insertion', 'clause-deletion'] as const;
export type ClauseProposalKind = (typeof CLAUSE_PROPOSAL_KINDS)[number];

export interface ClauseProposal {
  id: string;
  clauseId: string;
  delegationId: string;
  kind: ClauseProposalKind;
  /** The clause's heading and text ("\n" between them and between paragraphs). */
  text: string;
}

/** Any proposal: on a passage of text, or on a whole clause. */
export type Amendment = Proposal | ClauseProposal;

/** The clause's own proposals (a proposed new clause, a proposed deletion). */
export function clauseProposalsOf(clause: ClauseView): ClauseProposal[] {
  const text = () => [clause.heading.toString(), ...readParagraphs(clause.body)].filter((line) => line.length > 0).join('\n');
  const found: ClauseProposal[] = [];
  if (clause.proposedBy) {
    found.push({
      id: clause.proposedBy.id,
      clauseId: clause.id,
      delegationId: clause.proposedBy.delegation,
      kind: 'clause-insertion',
      text: text(),
    });
  }
  if (clause.deletionProposedBy) {
    const { id, delegation } = clause.deletionProposedBy;
    found.push({ id, clauseId: clause.id, delegationId: delegation, kind: 'clause-deletion', text: text() });
  }
  return found;
}

/** Every proposal of the clauses in the reading order: each clause's own first, then those in its heading and body. */
export function readAmendments(doc: Y.Doc): Amendment[] {
  return readOrderedClauses(doc).flatMap((clause) => [...clauseProposalsOf(clause), ...readClauseTextProposals(clause)]);
}

/**
 * Carries out a decision on a clause's own proposal, in the caller's transaction: accepting a proposed
 * clause keeps it (the proposal field goes), rejecting it takes it out of the reading order; accepting a
 * proposed deletion takes the clause out of the order, rejecting it drops the field.
 */
export function decideClauseProposal(doc: Y.Doc, clause: ClauseView, kind: ClauseProposalKind, decision: Decision): void {
  const removes = (kind === 'clause-insertion') === (decision === 'reject');
  if (removes) {
    const order = getOrder(doc);
    // Every occurrence (concurrent moves can leave an id twice), from the end so indices stay valid.
    const at = order.toArray().flatMap((id, index) => (id === clause.id ? [index] : []));
    for (const index of at.reverse()) order.delete(index, 1);
  }
  clause.map.delete(kind === 'clause-insertion' ? CLAUSE_FIELD.proposedBy : CLAUSE_FIELD.deletionProposedBy);
}

export function isClauseProposal(amendment: Amendment): amendment is ClauseProposal {
  return amendment.kind === 'clause-insertion' || amendment.kind === 'clause-deletion';
}
