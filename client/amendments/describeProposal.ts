import type { Amendment } from '../../shared/amendments/clauseProposals.js';
import type { Decision } from '../../shared/amendments/decideProposals.js';
import { describeProposalCount } from '../common/draft/describeCounts.js';

/** Every kind of proposal: on a passage of text, or on a whole clause. */
export type AmendmentKind = Amendment['kind'];

/** A proposal's kind as the panel labels it. */
export const PROPOSAL_KIND_LABEL: Record<AmendmentKind, string> = {
  insertion: 'Insert',
  deletion: 'Delete',
  'clause-insertion': 'New clause',
  'clause-deletion': 'Delete clause',
};

/** A proposal's kind as a noun, for sentences ("the insertion by United States"). */
export const KIND_NOUN: Record<AmendmentKind, string> = {
  insertion: 'insertion',
  deletion: 'deletion',
  'clause-insertion': 'proposed new clause',
  'clause-deletion': 'proposed deletion of a clause',
};

/** "3 proposals", "1 proposal" (as the drafts list says it). */
export const countProposalsInWords = describeProposalCount;

/** A delegation named for people: its name, or "a delegation" while the name is not known. */
export function delegationLabel(delegationId: string, nameOf: (id: string) => string | null): string {
  return nameOf(delegationId) ?? 'a delegation';
}

/** A proposal's text cut for a button's name or an announcement. */
export function shortText(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max).trimEnd()}…` : flat;
}

/** One decision announced: "Accepted the insertion by United States. 4 proposals left." */
export function describeDecision(proposal: Amendment, decision: Decision, nameOf: (id: string) => string | null, left: number): string {
  const what = `the ${KIND_NOUN[proposal.kind]} by ${delegationLabel(proposal.delegationId, nameOf)}`;
  return `${decision === 'accept' ? 'Accepted' : 'Rejected'} ${what}. ${countProposalsInWords(Math.max(0, left))} left.`;
}

/** A bulk decision announced: "Accepted 3 proposals." */
export function describeManyDecided(count: number, decision: Decision): string {
  return `${decision === 'accept' ? 'Accepted' : 'Rejected'} ${countProposalsInWords(count)}.`;
}
