import type { Amendment } from '../../shared/amendments/clauseProposals.js';

/** A clause's proposals, as the proposals panel lists them. */
export interface ProposalGroup {
  clauseId: string;
  proposals: Amendment[];
}

/** The proposals grouped by clause, in the order given (the reading order), keeping their order within each clause. */
export function groupByClause(proposals: readonly Amendment[]): ProposalGroup[] {
  const groups = new Map<string, ProposalGroup>();
  for (const proposal of proposals) {
    let group = groups.get(proposal.clauseId);
    if (!group) {
      group = { clauseId: proposal.clauseId, proposals: [] };
      groups.set(proposal.clauseId, group);
    }
    group.proposals.push(proposal);
  }
  return [...groups.values()];
}

/** One delegation's share of the proposals. */
export interface DelegationCount {
  delegationId: string;
  count: number;
}

/**
 * How many proposals each delegation has made, most first; delegations with as many in the order `nameOf`
 * sorts them (by name, so every page lists them alike; ids for delegations whose name is not known).
 */
export function countByDelegation(proposals: readonly Amendment[], nameOf: (id: string) => string | null): DelegationCount[] {
  const counts = new Map<string, number>();
  for (const proposal of proposals) counts.set(proposal.delegationId, (counts.get(proposal.delegationId) ?? 0) + 1);
  const label = (id: string) => nameOf(id) ?? id;
  return [...counts]
    .map(([delegationId, count]) => ({ delegationId, count }))
    .sort((a, b) => b.count - a.count || label(a.delegationId).localeCompare(label(b.delegationId)));
}

/** What a set of decisions covers: the whole draft, one clause, one delegation, or one delegation in one clause. */
export interface DecisionScope {
  clauseId?: string;
  delegationId?: string;
}

/** The proposals a scope covers. */
export function proposalsIn(proposals: readonly Amendment[], scope: DecisionScope): Amendment[] {
  return proposals.filter(
    (p) =>
      (scope.clauseId === undefined || p.clauseId === scope.clauseId) &&
      (scope.delegationId === undefined || p.delegationId === scope.delegationId),
  );
}
