import type * as Y from 'yjs';
import { readProposals } from '../amendments/proposals.js';
import { numberClauses, type Numbered } from '../doc/numberClauses.js';
import { readOrderedClauses, type OrderedClause } from '../doc/readOrderedClauses.js';
import { readBracketRuns } from './brackets.js';

/** How much of a text is still open: bracketed passages and options. */
export interface NegotiationCounts {
  /** Bracketed passages (a run of text bracketed by one delegation counts once). */
  brackets: number;
  /** Options in clauses that still hold alternatives (a clause with Option 1 and Option 2 counts 2). */
  options: number;
}

export interface DraftCounts extends NegotiationCounts {
  /** Per clause id, for the clauses in the reading order (a group's options count on its first option). */
  clauses: Record<string, NegotiationCounts>;
}

/** What is still open in a whole draft, as the drafts list shows it: brackets, options and undecided proposals. */
export interface DraftTotals extends NegotiationCounts {
  /** Proposals (amendments) not yet decided, in the clauses of the reading order (readProposals). */
  proposals: number;
}

/** The totals of a draft: countNegotiation's brackets and options, and its undecided proposals. */
export function countDraftTotals(doc: Y.Doc): DraftTotals {
  const { brackets, options } = countNegotiation(doc);
  return { brackets, options, proposals: readProposals(doc).length };
}

/**
 * Counts brackets and options of the clauses in reading order. "No text" options have no brackets;
 * a bracket in an option counts for that option's clause.
 */
export function countNegotiation(doc: Y.Doc): DraftCounts {
  return countNumberedClauses(numberClauses(readOrderedClauses(doc)), (clause) => readBracketRuns(clause.body).length);
}

/**
 * The counts of clauses already read and numbered (numberClauses over readOrderedClauses), with `bracketsIn`
 * counting the bracketed passages of one clause's body: readBracketRuns, or a cache of it (the editor keeps
 * one per clause so typing re-reads only the clause typed in).
 */
export function countNumberedClauses(
  numbered: ReadonlyArray<Numbered<OrderedClause>>,
  bracketsIn: (clause: OrderedClause) => number,
): DraftCounts {
  const result: DraftCounts = { brackets: 0, options: 0, clauses: {} };
  for (const clause of numbered) {
    const brackets = clause.noText ? 0 : bracketsIn(clause);
    // A group's options count on its first option (the clause the outline shows them on); the draft total is the sum.
    const options = clause.option?.index === 1 ? clause.option.count : 0;
    result.clauses[clause.id] = { brackets, options };
    result.brackets += brackets;
    result.options += options;
  }
  return result;
}
