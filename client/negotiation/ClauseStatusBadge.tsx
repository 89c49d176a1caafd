import { CLAUSE_STATUS_LABELS, type ClauseStatus } from '../../shared/negotiation/clauseStatus.js';

/** A clause's status as a small label ("Agreed ad ref"), coloured by status; the words carry the meaning. */
export function ClauseStatusBadge({ status }: { status: ClauseStatus }) {
  return <span className={`status-badge status-badge-${status}`}>{CLAUSE_STATUS_LABELS[status]}</span>;
}
