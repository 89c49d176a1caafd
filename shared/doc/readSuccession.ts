import type * as Y from 'yjs';
import { readClause, type ClauseView } from './readClause.js';

/** How many links readSuccession follows (a chain longer than this is cut; settling makes one link each time). */
export const SUCCESSION_LIMIT = 32;

/**
 * The clauses out of the reading order whose published number `clause` may take over, nearest first
 * (numberClauses uses the first that has one): the option it was settled from (`succeeds`), the one that
 * option was settled from, and so on; and for an option whose first option left the text (`alternativeTo`
 * naming a clause not in the order), that first option and its own predecessors. The chain stops at a
 * clause back in the order (it keeps its number itself), at a loop and after SUCCESSION_LIMIT links.
 *
 * @param inOrder ids of the clauses in the reading order
 */
export function readSuccession(
  doc: Y.Doc,
  clause: Pick<ClauseView, 'id' | 'succeeds' | 'alternativeTo'>,
  inOrder: ReadonlySet<string>,
): string[] {
  const chain: string[] = [];
  let next = predecessor(clause, inOrder);
  while (next !== null && !inOrder.has(next) && next !== clause.id && !chain.includes(next) && chain.length < SUCCESSION_LIMIT) {
    chain.push(next);
    const previous = readClause(doc, next);
    next = previous ? predecessor(previous, inOrder) : null;
  }
  return chain;
}

function predecessor(clause: Pick<ClauseView, 'succeeds' | 'alternativeTo'>, inOrder: ReadonlySet<string>): string | null {
  if (clause.succeeds !== null) return clause.succeeds;
  return clause.alternativeTo !== null && !inOrder.has(clause.alternativeTo) ? clause.alternativeTo : null;
}
