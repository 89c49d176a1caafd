import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { readAmendments, type Amendment } from '../../shared/amendments/clauseProposals.js';
import { getClauses, getOrder } from '../../shared/doc/schema.js';
import { proposalsTracker } from './proposalsTracker.js';

/** Shortest time between two readings while the text keeps changing. @default 250 ms */
export const PROPOSALS_REREAD_MS = 250;

const NONE: Amendment[] = [];

/**
 * The draft's undecided proposals (readAmendments: on passages of text and on whole clauses), following the
 * live document: made, extended, withdrawn or decided, by anyone, and offline too. A reading re-reads only
 * the clauses that changed (proposalsTracker); while someone types it runs at most every PROPOSALS_REREAD_MS
 * (the first change at once), and a reading that finds the same proposals keeps the old array, so nothing
 * re-renders.
 */
export function useDraftProposals(doc: Y.Doc | null): Amendment[] {
  const [proposals, setProposals] = useState<Amendment[]>(() => (doc ? readAmendments(doc) : NONE));

  useEffect(() => {
    if (!doc) {
      setProposals(NONE);
      return;
    }
    const tracker = proposalsTracker(doc);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastRead = 0;
    const reread = () => {
      timer = undefined;
      lastRead = Date.now();
      const next = tracker.read();
      setProposals((current) => (sameProposals(current, next) ? current : next));
    };
    const schedule = () => {
      if (timer !== undefined) return;
      timer = setTimeout(reread, Math.max(0, lastRead + PROPOSALS_REREAD_MS - Date.now()));
    };
    const onClausesChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
      tracker.clausesChanged(events);
      schedule();
    };
    const onOrderChange = () => {
      tracker.orderChanged();
      schedule();
    };
    const clauses = getClauses(doc);
    const order = getOrder(doc);
    clauses.observeDeep(onClausesChange);
    order.observe(onOrderChange);
    reread();
    return () => {
      clearTimeout(timer);
      clauses.unobserveDeep(onClausesChange);
      order.unobserve(onOrderChange);
    };
  }, [doc]);

  return proposals;
}

/** Whether two readings list the same proposals, in the same order, with the same text. */
export function sameProposals(a: readonly Amendment[], b: readonly Amendment[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((p, i) => {
    const q = b[i]!;
    return p.id === q.id && p.kind === q.kind && p.text === q.text && p.clauseId === q.clauseId && p.delegationId === q.delegationId;
  });
}
