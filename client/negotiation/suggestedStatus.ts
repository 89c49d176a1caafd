import { CLAUSE_STATUSES, statusChangeProblem, type ClauseStatus } from '../../shared/negotiation/clauseStatus.js';

const NEXT: Record<ClauseStatus, ClauseStatus> = {
  open: 'agreed-ad-ref',
  'agreed-ad-ref': 'agreed',
  agreed: 'reopened',
  reopened: 'agreed-ad-ref',
};

/**
 * The status the form offers first for a clause that is `from`: the usual next step (open -> agreed ad ref
 * -> agreed; agreed -> reopened), so the common change is one click; any allowed status if that one is not.
 */
export function suggestedStatus(from: ClauseStatus): ClauseStatus {
  const next = NEXT[from];
  if (statusChangeProblem(from, next) === null) return next;
  return CLAUSE_STATUSES.find((to) => statusChangeProblem(from, to) === null) ?? next;
}
