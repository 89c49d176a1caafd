import type { ClauseComparison, ClausePlace, RedlineSegment } from '../../../shared/compare/DraftComparison.js';
import { redlineInlines } from '../../../shared/compare/redlineInlines.js';
import { clauseTitle } from '../clauseTitle.js';
import type { ChangedInline } from '../InlineChange.js';
import { changedInlines } from './changedBlocks.js';

/**
 * A clause's heading line in a redline: its title on each side ("OP3. Consultation" as clean exports print
 * it) compared word by word, so a renumbered clause reads "[-OP3.-]{+OP4.+} Consultation", an added one
 * is wholly inserted and a removed one wholly deleted. Empty when neither side has a title.
 *
 * A heading that carries proposals on either side (amendments mode) keeps the comparison's own heading
 * segments, with the proposals' fates, after its numbers compared the same way ("[-OP3.-]{+OP4.+} " then
 * the heading), so its proposals are tagged as a body's are.
 */
export function clauseTitleRuns(clause: ClauseComparison): ChangedInline[] {
  const before = sideText(clause.heading, 'inserted');
  const after = sideText(clause.heading, 'deleted');
  if (clause.heading.some((s) => s.proposals)) {
    const number = textRedline(numberPrefix(clause.from, before), numberPrefix(clause.to, after));
    return [...number, ...changedInlines(clause.heading)];
  }
  const title = (place: ClausePlace | null, heading: string) => (place ? clauseTitle({ number: place.number, heading }) : '');
  return textRedline(title(clause.from, before), title(clause.to, after));
}

/** What a side's title prints before its heading: "OP3. ", "OP3" for a clause without one, '' for a section or no side. */
function numberPrefix(place: ClausePlace | null, heading: string): string {
  if (!place || place.number === null) return '';
  return heading ? `${place.number}. ` : place.number;
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
