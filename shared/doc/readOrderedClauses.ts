import type * as Y from 'yjs';
import { readClause, type ClauseView } from './readClause.js';
import { readSuccession } from './readSuccession.js';
import { getOrder } from './schema.js';

/** A clause in reading order together with the index of the `order` entry it was read from. */
export interface OrderedClause extends ClauseView {
  /** Position of this clause's (first) entry in the raw `order` array, which may hold duplicates and junk. */
  orderIndex: number;
  /** Clauses out of the order whose published number this one may take over, nearest first (readSuccession). */
  succession: string[];
}

/**
 * The clauses in reading order: `order` with duplicates dropped (the first occurrence wins: concurrent
 * moves can leave an id twice), and with entries skipped that are not strings or have no well-formed clause.
 */
export function readOrderedClauses(doc: Y.Doc): OrderedClause[] {
  const seen = new Set<string>();
  const result: OrderedClause[] = [];
  getOrder(doc).forEach((id, orderIndex) => {
    if (typeof id !== 'string' || seen.has(id)) return;
    seen.add(id);
    const clause = readClause(doc, id);
    if (clause) result.push({ ...clause, orderIndex, succession: [] });
  });
  const inOrder = new Set(result.map((c) => c.id));
  for (const clause of result) {
    if (clause.succeeds !== null || clause.alternativeTo !== null) clause.succession = readSuccession(doc, clause, inOrder);
  }
  return result;
}
