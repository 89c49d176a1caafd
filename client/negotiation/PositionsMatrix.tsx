import { useId } from 'react';
import type { DelegationView } from '../../shared/api/delegations.js';
import type { PositionView } from '../../shared/api/negotiation.js';
import type { NumberedClause } from '../common/draft/useOrderedClauses.js';
import { ClauseColumnHeader } from './ClauseColumnHeader.js';
import { PositionCell } from './PositionCell.js';

export interface PositionsMatrixProps {
  /** Numbered clauses in reading order: the columns. */
  clauses: readonly NumberedClause[];
  /** The rows. */
  delegations: readonly DelegationView[];
  positions: readonly PositionView[];
  /** The viewer's own delegation, marked in its row; null for the secretariat and reviewers. */
  ownDelegationId: string | null;
}

/**
 * Delegations by clauses, each cell the delegation's current position in words. When it does not fit, it
 * scrolls inside its own box, both ways, with the delegations' column and the clauses' header row staying
 * in view; the page itself never scrolls sideways.
 */
export function PositionsMatrix({ clauses, delegations, positions, ownDelegationId }: PositionsMatrixProps) {
  const captionId = useId();
  const byCell = new Map(positions.map((p) => [`${p.delegation.id}\u0000${p.clauseId}`, p]));
  return (
    <div className="matrix-scroll" role="region" aria-labelledby={captionId} tabIndex={0} data-region>
      <table className="positions-matrix">
        <caption id={captionId} className="visually-hidden">
          Positions of each delegation (rows) on each clause (columns)
        </caption>
        <thead>
          <tr>
            <th scope="col" className="matrix-corner">
              Delegation
            </th>
            {clauses.map((clause) => (
              <ClauseColumnHeader key={clause.id} clauseId={clause.id} number={clause.number ?? ''} heading={clause.heading} />
            ))}
          </tr>
        </thead>
        <tbody>
          {delegations.map((delegation) => (
            <tr
              key={delegation.id}
              className={delegation.id === ownDelegationId ? 'matrix-own' : undefined}
              data-delegation-id={delegation.id}
            >
              <th scope="row" className="matrix-delegation">
                {delegation.name}
                {delegation.id === ownDelegationId ? <span className="matrix-own-tag"> (yours)</span> : null}
              </th>
              {clauses.map((clause) => (
                <td key={clause.id} className="matrix-cell">
                  <PositionCell position={byCell.get(`${delegation.id}\u0000${clause.id}`) ?? null} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
