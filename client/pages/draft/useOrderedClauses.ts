import { useMemo } from 'react';
import type * as Y from 'yjs';
import { numberClauses } from '../../../shared/doc/numberClauses.js';
import { readOrderedClauses, type OrderedClause } from '../../../shared/doc/readOrderedClauses.js';
import { getClauses, getOrder } from '../../../shared/doc/schema.js';
import { useYjsVersion } from '../../collab/useYjsVersion.js';

/** A clause in reading order with its derived display number (null for sections). */
export type NumberedClause = OrderedClause & { number: string | null };

/**
 * The draft's clauses in reading order with derived numbers, re-read when `order` or the set of clauses
 * changes. Typing inside a clause does not touch either, so it never re-renders the whole list.
 */
export function useOrderedClauses(doc: Y.Doc | null): NumberedClause[] {
  const orderVersion = useYjsVersion(doc ? getOrder(doc) : null);
  const clausesVersion = useYjsVersion(doc ? getClauses(doc) : null);
  return useMemo(
    () => (doc ? numberClauses(readOrderedClauses(doc)) : []),
    // The versions are what says the document changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [doc, orderVersion, clausesVersion],
  );
}
