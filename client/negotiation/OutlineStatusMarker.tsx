import { CLAUSE_STATUS_LABELS, type ClauseStatus } from '../../shared/negotiation/clauseStatus.js';
import { useNegotiation } from './NegotiationContext.js';

/** A symbol per status, so the marker does not rely on colour alone. */
const SYMBOL: Record<Exclude<ClauseStatus, 'open'>, string> = {
  'agreed-ad-ref': '◐',
  agreed: '✓',
  reopened: '↺',
};

/**
 * A clause's status beside it in the outline: a small symbol for agreed ad ref, agreed and reopened (open
 * clauses, the usual case, show nothing), with the status in words for screen readers and on hover.
 */
export function OutlineStatusMarker({ clauseId }: { clauseId: string }) {
  const negotiation = useNegotiation();
  const status = negotiation?.statusOf(clauseId) ?? 'open';
  if (status === 'open') return null;
  return (
    <span className={`outline-status outline-status-${status}`} title={CLAUSE_STATUS_LABELS[status]} data-status={status}>
      <span aria-hidden="true">{SYMBOL[status]}</span>
      <span className="visually-hidden">, {CLAUSE_STATUS_LABELS[status]}</span>
    </span>
  );
}
