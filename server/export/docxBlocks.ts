import { Paragraph, type ParagraphChild } from 'docx';
import { docxParagraphMark, docxRuns, type DocxChangeContext, type DocxProposalContext } from './docxInline.js';
import type { ChangedBlock, ChangedInline, ChangedParagraph } from './InlineChange.js';
import { LIST_INDENT, MAX_WORD_LIST_LEVEL, ORDERED_LIST } from './docxStyles.js';

/**
 * State while writing one document: each ordered list gets its own numbering instance; redlines add who and
 * when changes were made; clean exports add when proposals are dated, to track them as the delegations' changes.
 */
export interface DocxBlockContext {
  nextListInstance: () => number;
  changes?: DocxChangeContext;
  proposals?: DocxProposalContext;
}

/**
 * Blocks as Word paragraphs. A list item's first paragraph carries the bullet or number (Word numbering,
 * so Word's own list tools work on it); its further paragraphs are indented to the item's text.
 */
export function docxBlocks(blocks: readonly ChangedBlock[], context: DocxBlockContext, level = -1): Paragraph[] {
  const out: Paragraph[] = [];
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      const indent = level >= 0 ? { indent: { left: LIST_INDENT * (level + 1) } } : {};
      out.push(new Paragraph({ ...indent, ...mark(block, context), children: runs(block.content, context) }));
      continue;
    }
    const listLevel = Math.min(level + 1, MAX_WORD_LIST_LEVEL);
    const instance = block.type === 'orderedList' ? context.nextListInstance() : 0;
    const marker =
      block.type === 'bulletList'
        ? { bullet: { level: listLevel } }
        : { numbering: { reference: ORDERED_LIST, level: listLevel, instance } };
    for (const item of block.items) {
      const [first, ...rest] = item;
      // The marker goes on the item's first paragraph, or on an empty one when the item starts with a list.
      const lead = first?.type === 'paragraph' ? first : undefined;
      out.push(new Paragraph({ ...marker, ...mark(lead, context), children: runs(lead?.content ?? [], context) }));
      out.push(...docxBlocks(first?.type === 'paragraph' ? rest : item, context, listLevel));
    }
  }
  return out;
}

function runs(content: readonly ChangedInline[], context: DocxBlockContext): ParagraphChild[] {
  return docxRuns(content, context.changes, context.proposals);
}

function mark(paragraph: ChangedParagraph | undefined, context: DocxBlockContext) {
  return docxParagraphMark(paragraph?.change, context.changes, context.proposals);
}
