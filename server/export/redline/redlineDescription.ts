import type { ComparisonSummary } from '../../../shared/compare/DraftComparison.js';
import { versionLine } from '../versionLine.js';
import type { RedlineSides } from './RedlineSides.js';

/** Whom the Word redline's tracked changes and comments are attributed to: the secretariat circulates redlines. */
export const REDLINE_AUTHOR = 'Secretariat';

/** The line under a redline's title saying what is compared: "Redline: Rev.1, 1 March 2025 → Rev.2, 2 April 2025". */
export function redlineVersionLine(sides: RedlineSides): string {
  return `Redline: ${versionLine(sides.from)} → ${versionLine(sides.to)}`;
}

/** What changed, counted: "Clauses: 2 changed, 1 added, 1 removed, 1 moved, 9 unchanged." (sections count as clauses). */
export function redlineSummary(summary: ComparisonSummary): string {
  const { changed, added, removed, moved, unchanged } = summary;
  return `Clauses: ${changed} changed, ${added} added, ${removed} removed, ${moved} moved, ${unchanged} unchanged.`;
}

/** What a redline says about proposals (amendments mode) when either side holds any. */
export const REDLINE_PROPOSALS_NOTE =
  'Proposed amendments are tagged with the delegation’s name after “+” (a proposed insertion) or “−” (a proposed deletion), and with what became of them between the two texts: “new” (proposed since the older text), “accepted” or “rejected”; a tag without either is still undecided.';
