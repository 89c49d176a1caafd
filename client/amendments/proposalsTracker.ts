import type * as Y from 'yjs';
import { clauseProposalsOf, type Amendment } from '../../shared/amendments/clauseProposals.js';
import { readClauseTextProposals } from '../../shared/amendments/proposals.js';
import { readOrderedClauses, type OrderedClause } from '../../shared/doc/readOrderedClauses.js';
import { CLAUSE_FIELD } from '../../shared/doc/schema.js';

/** Reads a draft's proposals as readAmendments does, re-reading only the clauses that changed. */
export interface ProposalsTracker {
  /** Notes the events of a deep observer on `clauses`: which clause bodies, and whether the structure, changed. */
  clausesChanged(events: ReadonlyArray<Y.YEvent<Y.AbstractType<unknown>>>): void;
  /** Notes a change of `order`. */
  orderChanged(): void;
  /** The proposals now, clause by clause in reading order (the same as readAmendments(doc)). */
  read(): Amendment[];
}

/**
 * readAmendments reads every clause body; on a long draft, doing so on every keystroke would grow with the
 * draft. This keeps the reading order until `order` or a clause's own fields change, and each clause's
 * proposals until its body or heading changes (a proposed new clause's text is its heading and body):
 * typing in one clause re-reads that clause only (as negotiationCounter).
 */
export function proposalsTracker(doc: Y.Doc): ProposalsTracker {
  let ordered: OrderedClause[] | null = null;
  const byClause = new Map<string, Amendment[]>();
  return {
    clausesChanged(events) {
      for (const event of events) {
        // The path from `clauses`: [] for the map itself, [id] for a clause's fields, [id, field, ...] below.
        const [id, field] = event.path as [string?, (string | number)?];
        if (id === undefined) {
          ordered = null;
        } else if (field === undefined) {
          ordered = null;
          byClause.delete(id);
        } else if (field === CLAUSE_FIELD.body || field === CLAUSE_FIELD.heading) {
          byClause.delete(id);
        }
      }
    },
    orderChanged() {
      ordered = null;
    },
    read() {
      ordered ??= readOrderedClauses(doc);
      return ordered.flatMap((clause) => {
        let proposals = byClause.get(clause.id);
        if (proposals === undefined) {
          proposals = [...clauseProposalsOf(clause), ...readClauseTextProposals(clause)];
          byClause.set(clause.id, proposals);
        }
        return proposals;
      });
    },
  };
}
