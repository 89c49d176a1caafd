import { diffArrays } from 'diff';
import type { Block } from '../export/DraftText.js';
import type { RedlineParagraph } from './DraftComparison.js';
import { flattenBlocks, type BodyLine } from './flattenBlocks.js';
import { pairParagraphs, type HunkStep } from './pairParagraphs.js';
import { NO_PROPOSAL_IDS, segmentChanged, type ProposalIds } from './proposalFates.js';
import { redlineInlines, wholeSegments } from './redlineInlines.js';

/** Past this many differing paragraphs in one clause, its old body is shown deleted and the new inserted. */
export const MAX_PARAGRAPH_EDITS = 1000;

/**
 * The redline of a clause body: paragraphs are matched first (jsdiff on whole paragraphs), then inside
 * each run of differing ones old and new paragraphs are paired (pairParagraphs) and each pair gets a
 * word-level redline. Paragraphs whose proposals differ are compared word by word too, so a proposal made,
 * accepted or rejected shows (redlineInlines); `ids` are the proposal ids of each whole side.
 */
export function redlineBlocks(before: readonly Block[], after: readonly Block[], ids: ProposalIds = NO_PROPOSAL_IDS): RedlineParagraph[] {
  const oldLines = flattenBlocks(before);
  const newLines = flattenBlocks(after);
  const changes = diffArrays(
    oldLines.map((l) => l.key),
    newLines.map((l) => l.key),
    { maxEditLength: MAX_PARAGRAPH_EDITS },
  );
  if (!changes) return [...oldLines.map((l) => whole(l, 'deleted', ids)), ...newLines.map((l) => whole(l, 'inserted', ids))];
  const out: RedlineParagraph[] = [];
  let removed: BodyLine[] = [];
  let added: BodyLine[] = [];
  const flush = () => {
    if (removed.length > 0 || added.length > 0) out.push(...pairParagraphs(removed, added).map((step) => toParagraph(step, ids)));
    removed = [];
    added = [];
  };
  let i = 0;
  let j = 0;
  for (const change of changes) {
    if (change.removed) {
      removed.push(...oldLines.slice(i, i + change.count));
      i += change.count;
    } else if (change.added) {
      added.push(...newLines.slice(j, j + change.count));
      j += change.count;
    } else {
      flush();
      out.push(...newLines.slice(j, j + change.count).map((l) => whole(l, 'equal', ids)));
      i += change.count;
      j += change.count;
    }
  }
  flush();
  return out;
}

/** A body shown whole with one fate: an added clause (inserted), a removed one (deleted), or an unchanged one (equal). */
export function wholeBlocks(
  blocks: readonly Block[],
  change: 'equal' | 'inserted' | 'deleted',
  ids: ProposalIds = NO_PROPOSAL_IDS,
): RedlineParagraph[] {
  return flattenBlocks(blocks).map((l) => whole(l, change, ids));
}

function whole(line: BodyLine, change: 'equal' | 'inserted' | 'deleted', ids: ProposalIds): RedlineParagraph {
  return { change, list: line.list, startsItem: line.startsItem, segments: wholeSegments(line.content, change, ids) };
}

function toParagraph(step: HunkStep, ids: ProposalIds): RedlineParagraph {
  if (step.type === 'delete') return whole(step.line, 'deleted', ids);
  if (step.type === 'insert') return whole(step.line, 'inserted', ids);
  const segments = redlineInlines(step.from.content, step.to.content, ids);
  // Differences the word diff ignores (white space between words) do not make a paragraph changed; a new list place does.
  // A proposal made, accepted or rejected does.
  const same = !segments.some(segmentChanged) && sameListPlace(step.from, step.to);
  return { change: same ? 'equal' : 'changed', list: step.to.list, startsItem: step.to.startsItem, segments };
}

function sameListPlace(a: BodyLine, b: BodyLine): boolean {
  return a.startsItem === b.startsItem && a.list.length === b.list.length && a.list.every((level, k) => level.type === b.list[k]?.type);
}
