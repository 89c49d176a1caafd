import type { ClauseKind } from '../../shared/doc/schema.js';
import { CLAUSE_STATUS_LABELS, CLAUSE_STATUSES, isAgreedStatus, type ClauseStatus } from '../../shared/negotiation/clauseStatus.js';

/** Which clauses the draft page lists: all of them, or those of one status. */
export type StatusFilter = 'all' | ClauseStatus;
export const STATUS_FILTERS: readonly StatusFilter[] = ['all', ...CLAUSE_STATUSES];
export const STATUS_FILTER_LABELS: Record<StatusFilter, string> = { all: 'All', ...CLAUSE_STATUS_LABELS };

/**
 * How the draft page shows the text: in full (editable, with every bracket and option), or only the
 * clauses agreed or agreed ad ref, read-only, as the agreed text stands.
 */
export type TextView = 'full' | 'agreed';
export const TEXT_VIEW_LABELS: Record<TextView, string> = { full: 'Full text', agreed: 'Agreed text only' };

export interface ClauseSelection {
  filter: StatusFilter;
  view: TextView;
}

/** Everything, in full: the page as it was before any filter. */
export const SHOW_EVERYTHING: ClauseSelection = { filter: 'all', view: 'full' };

/** True when the selection hides nothing. */
export function showsEverything(selection: ClauseSelection): boolean {
  return selection.filter === 'all' && selection.view === 'full';
}

/**
 * The clauses a selection shows, in reading order. A clause shows when its status passes the filter and,
 * in the agreed view, is agreed or agreed ad ref. Sections have no status: a section heading shows while
 * at least one clause under it (up to the next section) does, so what is left still reads in its places.
 * With nothing to hide the list itself is returned, so the page need not re-render.
 */
export function visibleClauses<T extends { id: string; kind: ClauseKind }>(
  clauses: T[],
  statusOf: (clauseId: string) => ClauseStatus,
  selection: ClauseSelection,
): T[] {
  if (showsEverything(selection)) return clauses;
  const shows = (clause: T) => {
    const status = statusOf(clause.id);
    if (selection.view === 'agreed' && !isAgreedStatus(status)) return false;
    return selection.filter === 'all' || selection.filter === status;
  };
  const result: T[] = [];
  let pendingSection: T | null = null;
  for (const clause of clauses) {
    if (clause.kind === 'section') {
      pendingSection = clause;
    } else if (shows(clause)) {
      if (pendingSection) result.push(pendingSection);
      pendingSection = null;
      result.push(clause);
    }
  }
  return result;
}
