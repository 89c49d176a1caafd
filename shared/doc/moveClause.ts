import type * as Y from 'yjs';
import { orderIndexFor, type ClausePlacement } from './clausePlacement.js';
import { readClause } from './readClause.js';
import { getOrder } from './schema.js';

/**
 * Moves a clause to a new place in the reading order; with `at`, the index it will have afterwards.
 * Yjs has no move, so this deletes every `order` entry of the clause (also duplicates left by earlier
 * concurrent moves) and inserts one, in a single transaction. Returns false, changing nothing, when the
 * clause does not exist or the placement refers to the clause itself.
 */
export function moveClause(doc: Y.Doc, id: string, placement: ClausePlacement): boolean {
  if (!readClause(doc, id) || placement.before === id || placement.after === id) return false;
  doc.transact(() => {
    removeFromOrder(doc, id);
    getOrder(doc).insert(orderIndexFor(doc, placement), [id]);
  });
  return true;
}

/** Deletes every entry of `id` from `order`; returns how many there were. */
export function removeFromOrder(doc: Y.Doc, id: string): number {
  const order = getOrder(doc);
  const entries = order.toArray();
  let removed = 0;
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    if (entries[i] === id) {
      order.delete(i, 1);
      removed += 1;
    }
  }
  return removed;
}
