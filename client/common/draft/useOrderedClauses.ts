import { useMemo } from 'react';
import type * as Y from 'yjs';
import { numberClauses, type Numbered, type NumberingBase } from '../../../shared/doc/numberClauses.js';
import { readOrderedClauses, type OrderedClause } from '../../../shared/doc/readOrderedClauses.js';
import { getOrder } from '../../../shared/doc/schema.js';
import { useClauseFieldsVersion } from '../collab/useClauseFieldsVersion.js';
import { useYjsVersion } from '../collab/useYjsVersion.js';

/**
 * A clause in reading order with its derived display number (null for sections) and, in a group of
 * options, its place in the group.
 */
export type NumberedClause = Numbered<OrderedClause>;

/**
 * The draft's clauses in reading order with derived numbers, re-read when `order`, the set of clauses or a
 * clause's own fields (kind, option, succeeds) change. Typing inside a clause touches none of these, so it
 * never re-renders the whole list.
 *
 * Numbers count from `base`, the numbers of the last published revision (NegotiationState.numbering):
 * published clauses keep theirs, clauses added since are OP3bis, OP3ter ... Without a base (nothing
 * published yet) numbering is clean. @default base null
 */
export function useOrderedClauses(doc: Y.Doc | null, base: NumberingBase | null = null): NumberedClause[] {
  const orderVersion = useYjsVersion(doc ? getOrder(doc) : null);
  const clausesVersion = useClauseFieldsVersion(doc);
  return useMemo(
    () => (doc ? numberClauses(readOrderedClauses(doc), base) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the versions are what says the document changed
    [doc, base, orderVersion, clausesVersion],
  );
}
