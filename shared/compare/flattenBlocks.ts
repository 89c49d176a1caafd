import type { Block, Inline } from '../export/DraftText.js';
import type { ListLevel } from './DraftComparison.js';
import { markKey } from './wordTokens.js';

/** A paragraph of a clause body with the lists around it: the unit paragraphs are matched by. */
export interface BodyLine {
  list: ListLevel[];
  startsItem: boolean;
  content: Inline[];
  /** Equal keys mean equal paragraphs: the same text and marks in the same kind of list place (item numbers aside, since inserting an item renumbers the rest). */
  key: string;
}

/** The paragraphs of a clause body in reading order, lists flattened into the levels around each paragraph. */
export function flattenBlocks(blocks: readonly Block[], list: ListLevel[] = []): BodyLine[] {
  const lines: BodyLine[] = [];
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      lines.push(line(list, false, block.content));
      continue;
    }
    block.items.forEach((item, index) => {
      const itemLines = flattenBlocks(item, [...list, { type: block.type, item: index + 1 }]);
      const first = itemLines[0];
      if (first && first.list.length === list.length + 1) itemLines[0] = line(first.list, true, first.content);
      lines.push(...itemLines);
    });
  }
  return lines;
}

function line(list: ListLevel[], startsItem: boolean, content: Inline[]): BodyLine {
  const key = JSON.stringify([list.map((level) => level.type), startsItem, content.map((run) => [run.marks.map(markKey), run.text])]);
  return { list, startsItem, content, key };
}
