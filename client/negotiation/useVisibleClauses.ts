import { useMemo } from 'react';
import type { ClauseKind } from '../../shared/doc/schema.js';
import { SHOW_EVERYTHING, visibleClauses, type ClauseSelection } from './clauseVisibility.js';
import { useNegotiation } from './NegotiationContext.js';

/**
 * The clauses the draft page lists under the current status filter and text view (see visibleClauses),
 * and the selection itself. Outside NegotiationProvider, or before statuses have loaded, everything shows.
 */
export function useVisibleClauses<T extends { id: string; kind: ClauseKind }>(clauses: T[]): { visible: T[]; selection: ClauseSelection } {
  const negotiation = useNegotiation();
  const selection = negotiation?.selection ?? SHOW_EVERYTHING;
  const statusOf = negotiation?.statusOf;
  const visible = useMemo(() => (statusOf ? visibleClauses(clauses, statusOf, selection) : clauses), [clauses, statusOf, selection]);
  return { visible, selection };
}
