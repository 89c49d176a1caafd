import * as Y from 'yjs';
import { BODY_NODE, MAX_LIST_DEPTH } from './bodyNodes.js';
import type { Block, Inline, ListBlock, ParagraphBlock } from './DraftText.js';
import { mergeInlines, readInlines, type DelegationNames } from './readInlines.js';

/**
 * The blocks of a clause body (a Y.XmlFragment bound to a TipTap editor), keeping only what DraftText allows:
 * paragraphs, and bullet and ordered lists whose items hold paragraphs and nested lists.
 *
 * The body is untrusted. An element of any other name (heading, blockquote, codeBlock, image, `script`, a
 * name a client invented) is dropped with everything inside it, text included: guessing what an unknown
 * node meant could put hidden or injected text into an official document. Attributes of elements (style,
 * class, on* handlers, a list's start) are never read. Text directly in the fragment or in a list (not in a
 * paragraph) is dropped, as ProseMirror itself would not show it. List items and lists left empty are dropped.
 */
export function readBlocks(body: Y.XmlFragment, delegations: DelegationNames = {}): Block[] {
  return readBlockChildren(body, 0, delegations);
}

function readBlockChildren(parent: Y.XmlFragment, depth: number, delegations: DelegationNames): Block[] {
  const blocks: Block[] = [];
  for (const child of parent.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    const block = readBlock(child, depth, delegations);
    if (block) blocks.push(block);
  }
  return blocks;
}

function readBlock(element: Y.XmlElement, depth: number, delegations: DelegationNames): Block | null {
  switch (element.nodeName) {
    case BODY_NODE.paragraph:
      return readParagraph(element, delegations);
    case BODY_NODE.bulletList:
    case BODY_NODE.orderedList:
      return depth < MAX_LIST_DEPTH ? readList(element, element.nodeName, depth + 1, delegations) : null;
    default:
      return null;
  }
}

function readParagraph(element: Y.XmlElement, delegations: DelegationNames): ParagraphBlock {
  const runs: Inline[] = [];
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) runs.push(...readInlines(child, delegations));
    else if (child instanceof Y.XmlElement && child.nodeName === BODY_NODE.hardBreak) runs.push({ text: ' ', marks: [] });
  }
  return { type: 'paragraph', content: mergeInlines(runs) };
}

function readList(element: Y.XmlElement, type: ListBlock['type'], depth: number, delegations: DelegationNames): ListBlock | null {
  const items: Block[][] = [];
  for (const child of element.toArray()) {
    if (!(child instanceof Y.XmlElement) || child.nodeName !== BODY_NODE.listItem) continue;
    const blocks = readBlockChildren(child, depth, delegations);
    if (blocks.length > 0) items.push(blocks);
  }
  return items.length > 0 ? { type, items } : null;
}
