import type * as Y from 'yjs';
import { numberClauses, type Numbered } from '../../shared/doc/numberClauses.js';
import { readOrderedClauses, type OrderedClause } from '../../shared/doc/readOrderedClauses.js';
import { CLAUSE_FIELD } from '../../shared/doc/schema.js';
import { readBracketRuns } from '../../shared/negotiation/brackets.js';
import { countNumberedClauses, type DraftCounts } from '../../shared/negotiation/counts.js';

/** Counts a draft's brackets and options as countNegotiation does, re-reading only what changed. */
export interface NegotiationCounter {
  /** Notes the events of a deep observer on `clauses`: which clause bodies, and whether the structure, changed. */
  clausesChanged(events: ReadonlyArray<Y.YEvent<Y.AbstractType<unknown>>>): void;
  /** Notes a change of `order`. */
  orderChanged(): void;
  /** The counts now (the same as countNegotiation(doc)). */
  count(): DraftCounts;
}

/**
 * countNegotiation reads every clause body, so recounting it while someone types grew with the draft. This
 * keeps the numbered reading order until `order` or a clause's own fields change (kind, option, no text),
 * and each clause's bracket count until its body changes: typing in one clause re-reads that clause only.
 */
export function negotiationCounter(doc: Y.Doc): NegotiationCounter {
  let numbered: Array<Numbered<OrderedClause>> | null = null;
  const brackets = new Map<string, number>();
  return {
    clausesChanged(events) {
      for (const event of events) {
        // The path from `clauses`: [] for the map itself, [id] for a clause's fields, [id, field, ...] below.
        const [id, field] = event.path as [string?, (string | number)?];
        if (id === undefined) {
          numbered = null;
        } else if (field === undefined) {
          numbered = null;
          brackets.delete(id);
        } else if (field === CLAUSE_FIELD.body) {
          brackets.delete(id);
        }
      }
    },
    orderChanged() {
      numbered = null;
    },
    count() {
      numbered ??= numberClauses(readOrderedClauses(doc));
      return countNumberedClauses(numbered, (clause) => {
        let count = brackets.get(clause.id);
        if (count === undefined) {
          count = readBracketRuns(clause.body).length;
          brackets.set(clause.id, count);
        }
        return count;
      });
    },
  };
}
