import * as Y from 'yjs';
import { PARAGRAPH_NODE } from './schema.js';

/**
 * Appends one paragraph per string to a clause body, shaped as y-prosemirror writes a TipTap paragraph:
 * Y.XmlElement('paragraph') holding one Y.XmlText (none for an empty paragraph).
 * The fragment must already be part of a document (integrated), as in addClause.
 */
export function appendParagraphs(body: Y.XmlFragment, paragraphs: readonly string[]): void {
  const elements = paragraphs.map((text) => {
    const paragraph = new Y.XmlElement(PARAGRAPH_NODE);
    if (text.length > 0) paragraph.insert(0, [new Y.XmlText(text)]);
    return paragraph;
  });
  if (elements.length > 0) body.insert(body.length, elements);
}

/**
 * The plain text of each top-level block of a clause body (paragraphs, list items flattened), without
 * formatting. For tests, search and plain exports; the editor reads the fragment itself.
 */
export function readParagraphs(body: Y.XmlFragment): string[] {
  return body.toArray().map(plainText);
}

function plainText(node: unknown): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as Array<{ insert?: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
  }
  if (node instanceof Y.XmlElement) return node.toArray().map(plainText).join('');
  return '';
}
