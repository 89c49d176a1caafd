import { diffArrays } from 'diff';
import type { Inline } from '../export/DraftText.js';
import { bracketOf } from './bracketGroups.js';
import type { RedlineSegment } from './DraftComparison.js';
import { keptSegments, NO_PROPOSAL_IDS, runSegment, sameFates, type ProposalIds } from './proposalFates.js';
import { markKey, wordTokens, type WordToken } from './wordTokens.js';

/**
 * Past this many differing words in one paragraph the diff stops searching for the shortest edit and
 * shows the old text deleted and the new inserted: bounded time on hostile or wholly rewritten text.
 */
export const MAX_WORD_EDITS = 2000;

/**
 * The word-level redline between two runs of inline text (jsdiff's Myers diff on word tokens; see
 * wordTokens). Deletions come before the insertions that replace them; kept words are shown as on the
 * newer side. Marks stay on every segment, and neighbouring segments alike in change and marks are joined.
 * Words changed inside a bracket stay inside it (keepBracketsWhole).
 *
 * Proposals (amendments mode) are compared apart from the text: words are the same whatever proposals they
 * carry, and each segment carries the proposals of either side with their fate (proposalFates); `ids` are
 * the proposal ids of each whole side, which tell a proposal made since the older side from one that grew.
 */
export function redlineInlines(before: readonly Inline[], after: readonly Inline[], ids: ProposalIds = NO_PROPOSAL_IDS): RedlineSegment[] {
  const oldTokens = wordTokens(before);
  const newTokens = wordTokens(after);
  const changes = diffArrays(
    oldTokens.map((t) => t.key),
    newTokens.map((t) => t.key),
    { maxEditLength: MAX_WORD_EDITS },
  );
  if (!changes)
    return keepBracketsWhole(joinSegments([...segmentsOf(oldTokens, 'deleted', ids), ...segmentsOf(newTokens, 'inserted', ids)]));
  const out: RedlineSegment[] = [];
  let i = 0;
  let j = 0;
  changes.forEach((change, k) => {
    const count = change.count;
    if (change.removed) {
      out.push(...segmentsOf(oldTokens.slice(i, i + count), 'deleted', ids));
      i += count;
    } else if (change.added) {
      out.push(...segmentsOf(newTokens.slice(j, j + count), 'inserted', ids));
      j += count;
    } else {
      // Kept words read as on the newer side, except that the last one keeps the older side's trailing
      // space when a deletion follows: "threats [-and risks-]." rather than "threats[-and risks-].".
      const lastFromOld = changes[k + 1]?.removed === true;
      for (let n = 0; n < count; n += 1) {
        const [older, newer] = [oldTokens[i + n]!, newTokens[j + n]!];
        const fromOld = lastFromOld && n === count - 1;
        out.push(...(fromOld ? keptSegments(older.runs, newer.runs, 'from', ids) : keptSegments(newer.runs, older.runs, 'to', ids)));
      }
      i += count;
      j += count;
    }
  });
  return keepBracketsWhole(joinSegments(out));
}

/**
 * A word's trailing space is outside a bracket that ends at the word, so replacing the last word of a
 * bracket gives "[… fully]-deleted, space-deleted, [carefully]-inserted, space-inserted", which would read as
 * two brackets. Moving each changed bracketed segment before the changed, unbracketed white space of the
 * other side that separates it from the same bracket keeps the passage whole: "[… ~~fully~~ carefully]".
 * Both sides' texts stay exactly as they were, since only segments of opposite sides trade places.
 */
function keepBracketsWhole(segments: readonly RedlineSegment[]): RedlineSegment[] {
  const out = [...segments];
  for (let i = 1; i < out.length; i += 1) {
    const segment = out[i]!;
    const bracket = bracketOf(segment.marks);
    if (!bracket || segment.change === 'equal') continue;
    const other = segment.change === 'inserted' ? 'deleted' : 'inserted';
    let j = i;
    while (j > 0 && isLooseSpace(out[j - 1]!, other)) j -= 1;
    if (j === i || j === 0 || bracketOf(out[j - 1]!.marks)?.delegationId !== bracket.delegationId) continue;
    out.splice(i, 1);
    out.splice(j, 0, segment);
  }
  return joinSegments(out);
}

function isLooseSpace(segment: RedlineSegment, change: RedlineSegment['change']): boolean {
  return segment.change === change && bracketOf(segment.marks) === null && /^\s+$/.test(segment.text);
}

/** Every run of the text with one fate (a paragraph or heading present on one side only, or the same on both). */
export function wholeSegments(
  inlines: readonly Inline[],
  change: RedlineSegment['change'],
  ids: ProposalIds = NO_PROPOSAL_IDS,
): RedlineSegment[] {
  return joinSegments(inlines.map((run) => runSegment(run, change, ids)));
}

function segmentsOf(tokens: readonly WordToken[], change: RedlineSegment['change'], ids: ProposalIds): RedlineSegment[] {
  return tokens.flatMap((token) => token.runs.map((run) => runSegment(run, change, ids)));
}

function joinSegments(segments: readonly RedlineSegment[]): RedlineSegment[] {
  const out: RedlineSegment[] = [];
  for (const segment of segments) {
    if (segment.text.length === 0) continue;
    const last = out[out.length - 1];
    if (last && last.change === segment.change && sameMarks(last, segment) && sameFates(last, segment)) last.text += segment.text;
    else out.push({ ...segment });
  }
  return out;
}

function sameMarks(a: RedlineSegment, b: RedlineSegment): boolean {
  return a.marks.map(markKey).join(',') === b.marks.map(markKey).join(',');
}
