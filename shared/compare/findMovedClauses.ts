import { diffArrays } from 'diff';

/** Past this many moves the search for the fewest stops and every clause whose rank differs counts as moved. */
export const MAX_MOVE_EDITS = 2000;

/**
 * The clauses, among those on both sides, that changed place relative to the others: the fewest clauses
 * whose removal leaves both reading orders the same (the complement of a longest common subsequence,
 * found with jsdiff). A clause pushed down because another was inserted above it is not moved; of two
 * clauses swapped, one is.
 */
export function findMovedClauses(oldOrder: readonly string[], newOrder: readonly string[]): Set<string> {
  const inNew = new Set(newOrder);
  const inOld = new Set(oldOrder);
  const before = oldOrder.filter((id) => inNew.has(id));
  const after = newOrder.filter((id) => inOld.has(id));
  const changes = diffArrays(before, after, { maxEditLength: MAX_MOVE_EDITS });
  if (!changes) return new Set(after.filter((id, rank) => before[rank] !== id));
  const moved = new Set<string>();
  for (const change of changes) if (change.added) for (const id of change.value) moved.add(id);
  return moved;
}
