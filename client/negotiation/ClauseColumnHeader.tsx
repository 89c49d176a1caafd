import type * as Y from 'yjs';
import { CLAUSE_STATUS_LABELS } from '../../shared/negotiation/clauseStatus.js';
import { useYTextValue } from '../common/collab/useYTextValue.js';
import { useNegotiation } from './NegotiationContext.js';

/**
 * A clause's column in the positions matrix: its number, its heading (at most two lines, the whole heading
 * on hover and for screen readers), and its status in words when it is not open.
 */
export function ClauseColumnHeader({ clauseId, number, heading }: { clauseId: string; number: string; heading: Y.Text }) {
  const text = useYTextValue(heading).trim();
  const status = useNegotiation()?.statusOf(clauseId) ?? 'open';
  return (
    <th scope="col" className="matrix-clause" data-clause-id={clauseId}>
      <span className="matrix-clause-number">{number}</span>
      {text ? (
        <span className="matrix-clause-title" title={text}>
          {text}
        </span>
      ) : null}
      {status === 'open' ? null : (
        <span className={`matrix-clause-status status-badge status-badge-${status}`}>{CLAUSE_STATUS_LABELS[status]}</span>
      )}
    </th>
  );
}
