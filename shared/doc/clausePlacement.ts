import type * as Y from 'yjs';
import { readOrderedClauses } from './readOrderedClauses.js';
import { getOrder } from './schema.js';

/**
 * Where a clause goes in reading order: before or after another clause (by id), at a position in the
 * reading order (0 = first; past the end = last), or, when none is given, at the end.
 * A reference clause that is no longer in the reading order (someone deleted it meanwhile) also means
 * "at the end", so a click on a stale outline never fails.
 */
export type ClausePlacement =
  | { before: string; after?: never; at?: never }
  | { after: string; before?: never; at?: never }
  | { at: number; before?: never; after?: never }
  | { before?: never; after?: never; at?: never };

/** Index in the raw `order` array at which to insert so the clause lands where `placement` says. */
export function orderIndexFor(doc: Y.Doc, placement: ClausePlacement): number {
  const visible = readOrderedClauses(doc);
  const end = getOrder(doc).length;
  if (placement.before !== undefined || placement.after !== undefined) {
    const ref = visible.find((c) => c.id === (placement.before ?? placement.after));
    if (!ref) return end;
    return placement.before !== undefined ? ref.orderIndex : ref.orderIndex + 1;
  }
  if (placement.at !== undefined) {
    const at = Math.max(0, Math.floor(placement.at));
    return at < visible.length ? visible[at]!.orderIndex : end;
  }
  return end;
}
