import type { ProposalFate } from '../../shared/compare/DraftComparison.js';
import type { Inline } from '../../shared/export/DraftText.js';

/**
 * How a run changed between two versions, for redlines: HTML marks it with <ins>/<del>, DOCX with tracked
 * changes. Clean exports never set it; the redline export (server/export/redline) builds runs that do.
 */
export type InlineChange = 'inserted' | 'deleted';

/**
 * A run as the HTML and DOCX inline renderers take it: DraftText's Inline, optionally marked as changed. In a
 * redline, `proposals` are the proposals on the run with their fate between the sides (its marks then hold
 * none); a clean export's runs carry theirs as proposal marks.
 */
export type ChangedInline = Inline & { change?: InlineChange; proposals?: ProposalFate[] };

/**
 * A paragraph as the HTML and DOCX block renderers take it: DraftText's ParagraphBlock with changed runs, and
 * `change` when the whole paragraph exists on one side only (HTML gives it a class, DOCX tracks its paragraph
 * mark, so accepting a deletion removes the paragraph rather than leaving it empty).
 */
export interface ChangedParagraph {
  type: 'paragraph';
  content: ChangedInline[];
  change?: InlineChange;
}

/**
 * A list as the block renderers take it. `numbers` gives each item's number as shown (a redline shows each
 * item numbered as on its own side); without it items count from 1. Word ignores it: its numbering counts
 * tracked paragraphs itself.
 */
export interface ChangedList {
  type: 'bulletList' | 'orderedList';
  items: ChangedBlock[][];
  numbers?: number[];
}

/** DraftText's Block, extended for redlines; every Block is a ChangedBlock. */
export type ChangedBlock = ChangedParagraph | ChangedList;

/**
 * The change common to every run of a passage (a bracketed passage, whose brackets and tag then share it),
 * or undefined when the runs differ or none changed: brackets around kept and changed words stand on both sides.
 */
export function groupChange(runs: readonly ChangedInline[]): InlineChange | undefined {
  const first = runs[0]?.change;
  return first !== undefined && runs.every((run) => run.change === first) ? first : undefined;
}
