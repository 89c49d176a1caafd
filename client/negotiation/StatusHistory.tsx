import type { ClauseStatusEntry } from '../../shared/api/negotiation.js';
import { CLAUSE_STATUS_LABELS } from '../../shared/negotiation/clauseStatus.js';
import { FormattedDate } from '../common/components/FormattedDate.js';
import { ClauseStatusBadge } from './ClauseStatusBadge.js';

/** A clause's status changes, newest first: the status, who set it, when, and the note. */
export function StatusHistory({
  entries,
  headingId,
}: {
  entries: readonly ClauseStatusEntry[];
  /** id of the heading that names the list */ headingId: string;
}) {
  if (entries.length === 0) return <p className="muted status-history-empty">No status has been set yet: the clause is open.</p>;
  return (
    <ol className="status-history" aria-labelledby={headingId}>
      {[...entries].reverse().map((entry) => (
        <li key={entry.id} className="status-history-item" aria-label={`${CLAUSE_STATUS_LABELS[entry.status]}, set by ${entry.by.name}`}>
          <div className="status-history-head">
            <ClauseStatusBadge status={entry.status} />
            <span className="status-history-by">{entry.by.name}</span>
            <span className="status-history-at">
              <FormattedDate iso={entry.at} withTime />
            </span>
          </div>
          {entry.note ? <p className="status-history-note">{entry.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}
