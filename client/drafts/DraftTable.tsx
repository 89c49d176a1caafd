import type { DraftSummary } from '../../shared/api/drafts.js';
import { DraftRow } from './DraftRow.js';
import '../styles/draftList.css';

export interface DraftTableProps {
  drafts: DraftSummary[];
  /** Show the secretariat's rename and archive actions. */
  manage: boolean;
  /** A draft whose link should take focus (the one just created). */
  focusId: string | null;
  onChanged: (draft: DraftSummary) => void;
  /** Reports a change; `moved` when the draft left this table (archived or restored). */
  onNotice: (text: string, moved?: boolean) => void;
}

/**
 * A table of drafts: title (the link that opens it, tagged "Amendments" in amendments mode), what is left to
 * agree in it (brackets, options and, where there are any or in amendments mode, undecided proposals),
 * creation date and, for the secretariat, actions.
 */
export function DraftTable({ drafts, manage, focusId, onChanged, onNotice }: DraftTableProps) {
  return (
    <table className="table table-stack">
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col" className="col-counts">
            Left to agree
          </th>
          <th scope="col" className="col-date">
            Created
          </th>
          {manage ? (
            <th scope="col" className="col-actions">
              <span className="visually-hidden">Actions</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {drafts.map((draft) => (
          <DraftRow
            key={draft.id}
            draft={draft}
            manage={manage}
            focusLink={draft.id === focusId}
            onChanged={onChanged}
            onNotice={onNotice}
          />
        ))}
      </tbody>
    </table>
  );
}
