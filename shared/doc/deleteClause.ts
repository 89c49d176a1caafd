import type * as Y from 'yjs';
import { removeFromOrder } from './moveClause.js';

/**
 * Takes a clause out of the reading order. The clause itself stays in `clauses`, so comments, history
 * and an undo (Y.UndoManager tracking `order`) still find it. Returns false when it was not in the order.
 */
export function deleteClause(doc: Y.Doc, id: string): boolean {
  let removed = 0;
  doc.transact(() => {
    removed = removeFromOrder(doc, id);
  });
  return removed > 0;
}
