import type { PositionView } from '../../shared/api/negotiation.js';
import { FormattedDate } from '../common/components/FormattedDate.js';
import type { NumberedClause } from '../common/draft/useOrderedClauses.js';

/** Every reservation in full, in the clauses' reading order: the matrix only has room for the word. */
export function ReservationList({ clauses, positions }: { clauses: readonly NumberedClause[]; positions: readonly PositionView[] }) {
  const reservations = clauses.flatMap((clause) =>
    positions
      .filter((p) => p.clauseId === clause.id && p.position === 'reservation')
      .sort((a, b) => a.delegation.name.localeCompare(b.delegation.name))
      .map((p) => ({ clause, position: p })),
  );
  return (
    <section className="section reservations" aria-labelledby="reservations-heading">
      <h2 id="reservations-heading">Reservations</h2>
      {reservations.length === 0 ? (
        <p className="empty-state">No delegation has entered a reservation.</p>
      ) : (
        <ul className="reservation-list">
          {reservations.map(({ clause, position }) => (
            <li key={`${clause.id}/${position.delegation.id}`} className="reservation-item">
              <p className="reservation-head">
                <strong>{clause.number}</strong> · {position.delegation.name}
                <span className="reservation-by">
                  {' '}
                  — {position.by.name}, <FormattedDate iso={position.at} withTime />
                </span>
              </p>
              <p className="reservation-text">{position.text}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
