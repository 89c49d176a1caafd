/**
 * Where a clause stands in the negotiation, set by the secretariat with a note. Every change is kept
 * (who, when, note), so a clause's history can be read back.
 * - open: under negotiation (every clause starts here);
 * - agreed-ad-ref: agreed ad referendum, settled pending approval by capitals;
 * - agreed: settled;
 * - reopened: agreed text taken up again (only from agreed or agreed-ad-ref).
 */
export const CLAUSE_STATUSES = ['open', 'agreed-ad-ref', 'agreed', 'reopened'] as const;
export type ClauseStatus = (typeof CLAUSE_STATUSES)[number];

export const CLAUSE_STATUS_LABELS: Record<ClauseStatus, string> = {
  open: 'Open',
  'agreed-ad-ref': 'Agreed ad ref',
  agreed: 'Agreed',
  reopened: 'Reopened',
};

/** The status of a clause nobody has set one for. */
export const DEFAULT_CLAUSE_STATUS: ClauseStatus = 'open';

/** Statuses whose text counts as agreed (the "agreed text" view shows these clauses). */
export function isAgreedStatus(status: ClauseStatus): boolean {
  return status === 'agreed' || status === 'agreed-ad-ref';
}

/** Why `from` -> `to` is not allowed, or null when it is. */
export function statusChangeProblem(from: ClauseStatus, to: ClauseStatus): string | null {
  if (from === to) return `The clause is already “${CLAUSE_STATUS_LABELS[to]}”.`;
  if (to === 'reopened' && !isAgreedStatus(from)) return 'Only agreed text can be reopened.';
  return null;
}
