import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { getClauses, getOrder } from '../../shared/doc/schema.js';
import { countNegotiation, type DraftCounts } from '../../shared/negotiation/counts.js';
import { negotiationCounter } from './negotiationCounter.js';

/** Shortest time between two recounts while the text keeps changing. @default 250 ms */
export const RECOUNT_INTERVAL_MS = 250;

const NONE: DraftCounts = { brackets: 0, options: 0, clauses: {} };

/**
 * The draft's bracket and option counts (countNegotiation), following the document live. A recount
 * re-reads only the clauses that changed (negotiationCounter); while someone types it still runs at most
 * every RECOUNT_INTERVAL_MS (the first change is counted at once), and a recount that finds the same
 * numbers keeps the old object, so nothing re-renders.
 */
export function useNegotiationCounts(doc: Y.Doc | null): DraftCounts {
  const [counts, setCounts] = useState<DraftCounts>(() => (doc ? countNegotiation(doc) : NONE));

  useEffect(() => {
    if (!doc) return;
    const counter = negotiationCounter(doc);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastCount = 0;
    const recount = () => {
      timer = undefined;
      lastCount = Date.now();
      const next = counter.count();
      setCounts((current) => (sameCounts(current, next) ? current : next));
    };
    const schedule = () => {
      if (timer !== undefined) return;
      timer = setTimeout(recount, Math.max(0, lastCount + RECOUNT_INTERVAL_MS - Date.now()));
    };
    const onClausesChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
      counter.clausesChanged(events);
      schedule();
    };
    const onOrderChange = () => {
      counter.orderChanged();
      schedule();
    };
    const clauses = getClauses(doc);
    const order = getOrder(doc);
    clauses.observeDeep(onClausesChange);
    order.observe(onOrderChange);
    recount();
    return () => {
      clearTimeout(timer);
      clauses.unobserveDeep(onClausesChange);
      order.unobserve(onOrderChange);
    };
  }, [doc]);

  return counts;
}

function sameCounts(a: DraftCounts, b: DraftCounts): boolean {
  if (a.brackets !== b.brackets || a.options !== b.options) return false;
  const ids = Object.keys(a.clauses);
  if (ids.length !== Object.keys(b.clauses).length) return false;
  return ids.every((id) => a.clauses[id]?.brackets === b.clauses[id]?.brackets && a.clauses[id]?.options === b.clauses[id]?.options);
}
