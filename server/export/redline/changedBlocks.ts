import type { RedlineParagraph, RedlineSegment } from '../../../shared/compare/DraftComparison.js';
import type { ChangedBlock, ChangedInline, ChangedList, ChangedParagraph } from '../InlineChange.js';

/** Redline segments as runs the inline renderers take: kept text unmarked, the rest inserted or deleted; proposals with their fates. */
export function changedInlines(segments: readonly RedlineSegment[]): ChangedInline[] {
  return segments.map(({ text, marks, change, proposals }) => ({
    text,
    marks,
    ...(change === 'equal' ? {} : { change }),
    ...(proposals ? { proposals } : {}),
  }));
}

/**
 * A clause body's redline paragraphs (flat, each with the lists around it) back as nested blocks, so the
 * clean export's block renderers draw them: real lists in HTML and Word. Consecutive paragraphs inside a
 * list of one type form one list; an item starts where a paragraph starts one, or where a deeper paragraph
 * names another item. Ordered items keep the number they have on their own side.
 */
export function changedBlocks(paragraphs: readonly RedlineParagraph[]): ChangedBlock[] {
  return group(paragraphs, 0);
}

function group(paragraphs: readonly RedlineParagraph[], depth: number): ChangedBlock[] {
  const out: ChangedBlock[] = [];
  let i = 0;
  while (i < paragraphs.length) {
    const level = paragraphs[i]!.list[depth];
    if (!level) {
      out.push(paragraphOf(paragraphs[i]!));
      i += 1;
      continue;
    }
    const items: RedlineParagraph[][] = [];
    const numbers: number[] = [];
    for (; i < paragraphs.length && paragraphs[i]!.list[depth]?.type === level.type; i += 1) {
      const paragraph = paragraphs[i]!;
      const item = paragraph.list[depth]!.item;
      const startsHere = paragraph.list.length === depth + 1 && paragraph.startsItem;
      const otherItem = paragraph.list.length > depth + 1 && numbers.at(-1) !== item;
      if (items.length === 0 || startsHere || otherItem) {
        items.push([paragraph]);
        numbers.push(item);
      } else {
        items.at(-1)!.push(paragraph);
      }
    }
    const list: ChangedList = { type: level.type, items: items.map((item) => group(item, depth + 1)) };
    if (level.type === 'orderedList') list.numbers = numbers;
    out.push(list);
  }
  return out;
}

function paragraphOf(paragraph: RedlineParagraph): ChangedParagraph {
  const block: ChangedParagraph = { type: 'paragraph', content: changedInlines(paragraph.segments) };
  if (paragraph.change === 'inserted' || paragraph.change === 'deleted') block.change = paragraph.change;
  return block;
}
