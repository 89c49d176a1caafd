import { CLAUSE_STATUS_LABELS, CLAUSE_STATUSES } from '../../shared/negotiation/clauseStatus.js';
import { POSITION_LABELS, POSITIONS } from '../../shared/negotiation/positions.js';

/** What the matrix's words and colours mean: the positions a delegation can take and the clause statuses. */
export function MatrixLegend() {
  return (
    <dl className="matrix-legend">
      <div>
        <dt>Positions</dt>
        {POSITIONS.map((position) => (
          <dd key={position}>
            <span className={`position-chip position-${position}`}>{POSITION_LABELS[position]}</span>
          </dd>
        ))}
        <dd>
          <span className="position-none" aria-hidden="true">
            —
          </span>{' '}
          none recorded
        </dd>
      </div>
      <div>
        <dt>Clause status</dt>
        {CLAUSE_STATUSES.map((status) => (
          <dd key={status}>
            <span className={`status-badge status-badge-${status}`}>{CLAUSE_STATUS_LABELS[status]}</span>
          </dd>
        ))}
      </div>
    </dl>
  );
}
