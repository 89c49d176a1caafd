import * as Y from 'yjs';
import type { CommentAnchor } from '../../shared/api/comments.js';
import { resolveAnchorPosition } from '../../shared/comments/commentAnchor.js';
import { readClause } from '../../shared/doc/readClause.js';

/** Characters of text inside `node` (all nested text, deleted content excluded). */
function textLength(node: Y.XmlElement | Y.XmlText | Y.XmlHook | Y.XmlFragment): number {
  if (node instanceof Y.XmlText) return node.length;
  if (node instanceof Y.XmlElement || node instanceof Y.XmlFragment)
    return node.toArray().reduce((sum, child) => sum + textLength(child), 0);
  return 0;
}

/**
 * Where an absolute Yjs position lies in the clause body counted in characters of text from its start, or
 * null when it is not in the live body (inside content that was deleted).
 */
function textOffset(body: Y.XmlFragment, position: Y.AbsolutePosition): number | null {
  let offset = 0;
  const visit = (node: Y.XmlFragment | Y.XmlElement | Y.XmlText): number | null => {
    if (node === position.type) {
      if (node instanceof Y.XmlText) return offset + position.index;
      return (
        offset +
        node
          .toArray()
          .slice(0, position.index)
          .reduce((sum, child) => sum + textLength(child), 0)
      );
    }
    if (node instanceof Y.XmlText) {
      offset += node.length;
      return null;
    }
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlHook) continue;
      const found = visit(child);
      if (found !== null) return found;
    }
    return null;
  };
  return visit(body);
}

/**
 * Where an anchored passage lies now in its clause body, in characters of text from the body's start (the
 * count shared/amendments and the proposals panel use too), or null when it no longer spans any text or
 * the clause is gone.
 */
export function passageRange(
  doc: Y.Doc,
  clauseId: string,
  anchor: Pick<CommentAnchor, 'start' | 'end'>,
): { from: number; to: number } | null {
  const clause = readClause(doc, clauseId);
  const start = resolveAnchorPosition(doc, clauseId, anchor.start);
  const end = resolveAnchorPosition(doc, clauseId, anchor.end);
  if (!clause || !start || !end) return null;
  const from = textOffset(clause.body, start);
  const to = textOffset(clause.body, end);
  return from !== null && to !== null && to > from ? { from, to } : null;
}

/**
 * True while the quoted passage of an anchor still spans some text of its clause: both ends resolve inside
 * the live clause body and the end lies after the start. False once the passage was deleted (both ends then
 * fall together), or when the clause itself is gone from the document.
 */
export function isPassagePresent(doc: Y.Doc, clauseId: string, anchor: CommentAnchor): boolean {
  return passageRange(doc, clauseId, anchor) !== null;
}
