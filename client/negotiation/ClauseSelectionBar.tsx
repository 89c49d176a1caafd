import { useId } from 'react';
import type { ClauseKind } from '../../shared/doc/schema.js';
import {
  showsEverything,
  STATUS_FILTER_LABELS,
  STATUS_FILTERS,
  TEXT_VIEW_LABELS,
  type StatusFilter,
  type TextView,
} from './clauseVisibility.js';
import { useNegotiation } from './NegotiationContext.js';

const VIEWS: readonly TextView[] = ['full', 'agreed'];

export interface ClauseSelectionBarProps {
  /** Every clause of the draft in reading order. */
  clauses: ReadonlyArray<{ id: string; kind: ClauseKind }>;
  /** The clauses the selection shows (sections included). */
  visible: ReadonlyArray<{ id: string; kind: ClauseKind }>;
}

/**
 * Above the clauses: the view switch (Full text / Agreed text only) and the status filter with a count per
 * status, what the selection shows, and a way back to everything when it shows nothing.
 */
export function ClauseSelectionBar({ clauses, visible }: ClauseSelectionBarProps) {
  const negotiation = useNegotiation();
  const viewName = useId();
  const filterId = useId();
  if (!negotiation || clauses.length === 0) return null;
  const { selection, setSelection, statusOf } = negotiation;
  const numbered = clauses.filter((clause) => clause.kind !== 'section');
  const counts: Record<StatusFilter, number> = { all: numbered.length, open: 0, 'agreed-ad-ref': 0, agreed: 0, reopened: 0 };
  for (const clause of numbered) counts[statusOf(clause.id)] += 1;
  const shown = visible.filter((clause) => clause.kind !== 'section').length;
  const everything = showsEverything(selection);

  return (
    <div className="clause-selection">
      <div className="clause-selection-controls">
        <fieldset className="view-switch">
          <legend className="visually-hidden">Show</legend>
          {VIEWS.map((view) => (
            <label key={view} className="view-switch-choice">
              <input type="radio" name={viewName} value={view} checked={selection.view === view} onChange={() => setSelection({ view })} />
              <span>{TEXT_VIEW_LABELS[view]}</span>
            </label>
          ))}
        </fieldset>
        <div className="status-filter">
          <label htmlFor={filterId} className="status-filter-label">
            Status
          </label>
          <select
            id={filterId}
            className="input select status-filter-select"
            value={selection.filter}
            onChange={(event) => setSelection({ filter: event.target.value as StatusFilter })}
          >
            {STATUS_FILTERS.map((filter) => (
              <option key={filter} value={filter}>
                {STATUS_FILTER_LABELS[filter]} ({counts[filter]})
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className={everything ? 'visually-hidden' : 'clause-selection-summary'} role="status">
        {everything ? '' : summary(shown, counts.all, selection.view)}
      </p>
      {!everything && shown === 0 && numbered.length > 0 ? (
        <div className="empty-state clause-selection-empty">
          <p>{emptyText(selection.filter, selection.view)}</p>
          <button
            type="button"
            className="button button-small button-secondary"
            onClick={() => setSelection({ filter: 'all', view: 'full' })}
          >
            Show the full text
          </button>
        </div>
      ) : null}
    </div>
  );
}

function summary(shown: number, total: number, view: TextView): string {
  const of = `${shown} of ${total} ${total === 1 ? 'clause' : 'clauses'}`;
  return view === 'agreed' ? `Agreed text only, read-only: ${of}. Brackets still in them are shown.` : `Showing ${of}.`;
}

function emptyText(filter: StatusFilter, view: TextView): string {
  if (filter === 'all') return view === 'agreed' ? 'No clause is agreed or agreed ad ref yet.' : 'No clause matches.';
  const status = STATUS_FILTER_LABELS[filter].toLowerCase();
  if (view === 'agreed' && (filter === 'open' || filter === 'reopened')) return `The agreed text has no ${status} clauses.`;
  return `No clause is ${status}.`;
}
