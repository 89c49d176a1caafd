import type { ClauseComparison, RedlineSegment } from '../../../shared/compare/DraftComparison.js';
import { redlineInlines } from '../../../shared/compare/redlineInlines.js';
import { clauseTitle } from '../clauseTitle.js';
import type { ChangedInline } from '../InlineChange.js';
import { changedInlines } from './changedBlocks.js';

/**
 * A clause's heading line in a redline: its title on each side ("OP3. Consultation" as clean exports print
 * it) compared word by word, so a renumbered clause reads "[-OP3.-]{+OP4.+} Consultation", an added one
 * is wholly inserted and a removed one wholly deleted. Empty when neither side has a title.
 */
export function clauseTitleRuns(clause: ClauseComparison): ChangedInline[] {
  const before = clause.from ? clauseTitle({ number: clause.from.number, heading: sideText(clause.heading, 'inserted') }) : '';
  const after = clause.to ? clauseTitle({ number: clause.to.number, heading: sideText(clause.heading, 'deleted') }) : '';
  return textRedline(before, after);
}

/** Two plain texts (titles) compared word by word, as runs. */
export function textRedline(before: string, after: string): ChangedInline[] {
  const plain = (text: string) => (text ? [{ text, marks: [] }] : []);
  return changedInlines(redlineInlines(plain(before), plain(after)));
}

/** The text of one side of a redline: every segment but those only on the other side. */
function sideText(segments: readonly RedlineSegment[], otherSide: RedlineSegment['change']): string {
  return segments
    .filter((s) => s.change !== otherSide)
    .map((s) => s.text)
    .join('');
}
