import { clauseHeadingRuns, type ClauseText, type DraftText } from '../export/DraftText.js';
import type { ClauseComparison, ClausePlace, ComparisonSummary, DraftComparison } from './DraftComparison.js';
import { findMovedClauses } from './findMovedClauses.js';
import { clauseProposalFates, proposalIdsOf, segmentChanged, type ProposalIds } from './proposalFates.js';
import { redlineBlocks, wholeBlocks } from './redlineBlocks.js';
import { redlineInlines, wholeSegments } from './redlineInlines.js';

/**
 * Compares two texts of a draft clause by clause, matching clauses by their stable id (never by number
 * or position): each clause is added, removed, changed or unchanged, and separately moved or not. Changed
 * clauses carry a word-level redline of heading and body; every clause carries its number as on each side.
 * Pure and deterministic, so the server and the browser compute the same result.
 *
 * Proposals (amendments mode) ride on the redline's segments with their fate, in headings as in bodies: made
 * since the older side, still pending, accepted or rejected (see proposalFates); a whole clause's proposals
 * ride on the clause (clauseProposalFates). A clause whose only change is such a fate is changed.
 */
export function compareDrafts(from: DraftText, to: DraftText): DraftComparison {
  const ids: ProposalIds = { from: proposalIdsOf(from), to: proposalIdsOf(to) };
  const oldById = new Map(from.clauses.map((c, position) => [c.id, { clause: c, position }]));
  const newById = new Set(to.clauses.map((c) => c.id));
  const moved = findMovedClauses(
    from.clauses.map((c) => c.id),
    to.clauses.map((c) => c.id),
  );
  const removedAfter = removedClausesByAnchor(from.clauses, newById, ids);
  const clauses: ClauseComparison[] = [...(removedAfter.get(null) ?? [])];
  to.clauses.forEach((clause, position) => {
    const old = oldById.get(clause.id);
    clauses.push(old ? matched(old.clause, old.position, clause, position, moved.has(clause.id), ids) : added(clause, position, ids));
    clauses.push(...(removedAfter.get(clause.id) ?? []));
  });
  return { title: { from: from.title, to: to.title }, clauses, summary: summarise(clauses) };
}

/** Removed clauses grouped by the nearest clause before them (on the older side) that the newer side still has; null: none. */
function removedClausesByAnchor(
  oldClauses: readonly ClauseText[],
  kept: Set<string>,
  ids: ProposalIds,
): Map<string | null, ClauseComparison[]> {
  const groups = new Map<string | null, ClauseComparison[]>();
  let anchor: string | null = null;
  oldClauses.forEach((clause, position) => {
    if (kept.has(clause.id)) {
      anchor = clause.id;
      return;
    }
    const group = groups.get(anchor) ?? [];
    group.push(removed(clause, position, ids));
    groups.set(anchor, group);
  });
  return groups;
}

function place(clause: ClauseText, position: number): ClausePlace {
  return { number: clause.number, kind: clause.kind, position };
}

function added(clause: ClauseText, position: number, ids: ProposalIds): ClauseComparison {
  return onOneSide(clause, 'added', null, place(clause, position), 'inserted', ids);
}

function removed(clause: ClauseText, position: number, ids: ProposalIds): ClauseComparison {
  return onOneSide(clause, 'removed', place(clause, position), null, 'deleted', ids);
}

function onOneSide(
  clause: ClauseText,
  change: 'added' | 'removed',
  from: ClausePlace | null,
  to: ClausePlace | null,
  fate: 'inserted' | 'deleted',
  ids: ProposalIds,
): ClauseComparison {
  const heading = wholeSegments(clauseHeadingRuns(clause), fate, ids);
  const proposals = change === 'added' ? clauseProposalFates(null, clause) : clauseProposalFates(clause, null);
  return { id: clause.id, change, moved: false, from, to, heading, paragraphs: wholeBlocks(clause.blocks, fate, ids), ...proposals };
}

function matched(
  before: ClauseText,
  oldPosition: number,
  after: ClauseText,
  newPosition: number,
  moved: boolean,
  ids: ProposalIds,
): ClauseComparison {
  const paragraphs = redlineBlocks(before.blocks, after.blocks, ids);
  const heading = redlineInlines(clauseHeadingRuns(before), clauseHeadingRuns(after), ids);
  const proposals = clauseProposalFates(before, after);
  const same =
    before.kind === after.kind &&
    paragraphs.every((p) => p.change === 'equal') &&
    !heading.some(segmentChanged) &&
    (proposals.proposals ?? []).every((p) => p.fate === 'pending');
  return {
    id: after.id,
    change: same ? 'unchanged' : 'changed',
    moved,
    from: place(before, oldPosition),
    to: place(after, newPosition),
    heading,
    paragraphs,
    ...proposals,
  };
}

function summarise(clauses: readonly ClauseComparison[]): ComparisonSummary {
  const summary: ComparisonSummary = { added: 0, removed: 0, changed: 0, unchanged: 0, moved: 0 };
  for (const clause of clauses) {
    summary[clause.change] += 1;
    if (clause.moved) summary.moved += 1;
  }
  return summary;
}
