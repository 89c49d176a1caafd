import type { ClauseComparison } from '../../shared/compare/DraftComparison.js';

/** What the compare view shows in reading order: a clause with something to see, or a run of unchanged ones folded together. */
export type ComparedEntry = { type: 'clause'; clause: ClauseComparison } | { type: 'unchanged'; clauses: ClauseComparison[] };

/**
 * Folds consecutive clauses that are neither changed nor moved into runs, so the reader sees what
 * changed. Unchanged section headings stay visible, as signposts of where in the text a change is.
 */
export function groupComparedClauses(clauses: readonly ClauseComparison[]): ComparedEntry[] {
  const entries: ComparedEntry[] = [];
  for (const clause of clauses) {
    const quiet = clause.change === 'unchanged' && !clause.moved && clause.to?.kind !== 'section';
    const last = entries.at(-1);
    if (!quiet) entries.push({ type: 'clause', clause });
    else if (last?.type === 'unchanged') last.clauses.push(clause);
    else entries.push({ type: 'unchanged', clauses: [clause] });
  }
  return entries;
}
