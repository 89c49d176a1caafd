import type { Node as PMNode } from '@tiptap/pm/model';
import * as Y from 'yjs';
import { PARAGRAPH_NODE } from '../../shared/doc/schema.js';

/**
 * The text of a clause body paragraph by paragraph (the only textblock of the clause schema), in document
 * order, read the same way from Yjs (for every clause, mounted or not) and from a mounted editor's
 * ProseMirror document, so a match found in the one is the same paragraph and offsets in the other.
 * Anything that is not text counts as one object-replacement character, as a ProseMirror leaf counts one.
 */
const OBJECT = '\ufffc';

/** The paragraphs of a Yjs clause body as plain text. */
export function yTextblocks(fragment: Y.XmlFragment): string[] {
  const blocks: string[] = [];
  const visit = (node: unknown) => {
    if (!(node instanceof Y.XmlElement)) return;
    if (node.nodeName === PARAGRAPH_NODE) blocks.push(node.toArray().map(inlineText).join(''));
    else node.toArray().forEach(visit);
  };
  fragment.toArray().forEach(visit);
  return blocks;
}

function inlineText(node: unknown): string {
  if (!(node instanceof Y.XmlText)) return OBJECT;
  return (node.toDelta() as Array<{ insert?: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : OBJECT)).join('');
}

/** The textblocks of an editor's document with where their content starts. */
export function pmTextblocks(doc: PMNode): Array<{ pos: number; text: string }> {
  const blocks: Array<{ pos: number; text: string }> = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    blocks.push({ pos: pos + 1, text: node.textBetween(0, node.content.size, undefined, OBJECT) });
    return false;
  });
  return blocks;
}
