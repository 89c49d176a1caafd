import type { AuditEntryView } from '../../shared/api/negotiation.js';
import { FormattedDate } from '../common/components/FormattedDate.js';
import { AUDIT_ACTION_LABELS } from './auditActionLabels.js';

export interface AuditTableProps {
  entries: readonly AuditEntryView[];
  /** Clause id -> its current number; a clause not in it is no longer in the draft. Null while the text loads. */
  numbers: ReadonlyMap<string, string> | null;
}

/** The negotiation audit log as a table, newest first: when, who (and for which delegation), what, on which clause; cards on narrow screens. */
export function AuditTable({ entries, numbers }: AuditTableProps) {
  return (
    <div className="table-scroll">
      <table className="table table-stack audit-table">
        <caption className="visually-hidden">Negotiation audit log, newest first</caption>
        <thead>
          <tr>
            <th scope="col" className="col-date">
              When
            </th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Clause</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-action={entry.action}>
              <td className="col-date" data-label="When">
                <FormattedDate iso={entry.at} withTime />
              </td>
              <td className="audit-who" data-label="Who">
                {entry.actor ? entry.actor.name : <span className="muted">The system</span>}
                {entry.delegation ? <span className="audit-delegation">{entry.delegation}</span> : null}
              </td>
              <td className="audit-action" data-label="Action">
                {AUDIT_ACTION_LABELS[entry.action]}
              </td>
              <td data-label="Clause">{clauseCell(entry.clauseId, numbers)}</td>
              <td className="audit-detail" data-label="Detail">
                {entry.detail}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function clauseCell(clauseId: string | null, numbers: ReadonlyMap<string, string> | null) {
  if (clauseId === null) return <span className="muted">—</span>;
  if (numbers === null) return <span className="muted">…</span>;
  const number = numbers.get(clauseId);
  return number ? <span className="audit-clause">{number}</span> : <span className="muted">A clause no longer in the draft</span>;
}
