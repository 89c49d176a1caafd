import type { ClauseKind } from './schema.js';

/** Prefix of the display number per kind; sections are headings and get no number. */
export const NUMBER_PREFIX: Record<ClauseKind, string | null> = {
  preambular: 'PP',
  operative: 'OP',
  section: null,
};

/**
 * Adds the derived display number to clauses given in reading order: PP1, PP2 ... for preambular and
 * OP1, OP2 ... for operative clauses, each kind counted on its own; sections get null. Numbers are never
 * stored in the document, so moving or deleting a clause renumbers the rest on the next read.
 */
export function numberClauses<T extends { kind: ClauseKind }>(clauses: readonly T[]): Array<T & { number: string | null }> {
  const counts: Record<ClauseKind, number> = { preambular: 0, operative: 0, section: 0 };
  return clauses.map((clause) => {
    const prefix = NUMBER_PREFIX[clause.kind];
    if (prefix === null) return { ...clause, number: null };
    counts[clause.kind] += 1;
    return { ...clause, number: `${prefix}${counts[clause.kind]}` };
  });
}
