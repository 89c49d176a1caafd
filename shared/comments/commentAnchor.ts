import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { readClause } from '../doc/readClause.js';

/** Encodes a Yjs relative position for a comment anchor (base64, as the API carries it). */
export function encodeAnchorPosition(position: Y.RelativePosition): string {
  return toBase64(Y.encodeRelativePosition(position));
}

/** Decodes an anchor position; null when the text is not a relative position at all. */
export function decodeAnchorPosition(encoded: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(fromBase64(encoded));
  } catch {
    return null;
  }
}

/** True when `type` is `root` or nested inside it. */
function isWithin(type: Y.AbstractType<unknown>, root: Y.AbstractType<unknown>): boolean {
  let current: Y.AbstractType<unknown> | null = type;
  for (let depth = 0; current && depth < 100; depth++) {
    if (current === root) return true;
    current = (current._item?.parent as Y.AbstractType<unknown> | undefined) ?? null;
  }
  return false;
}

/**
 * Where an anchor position points now: the Yjs type it is in and the index there, or null when it cannot
 * be resolved in this document or does not lie inside the clause's body (an anchor must point into its own
 * clause). A position whose text was deleted still resolves (Yjs keeps it at the deletion point).
 */
export function resolveAnchorPosition(doc: Y.Doc, clauseId: string, encoded: string): Y.AbsolutePosition | null {
  const clause = readClause(doc, clauseId);
  const relative = decodeAnchorPosition(encoded);
  if (!clause || !relative) return null;
  let absolute: Y.AbsolutePosition | null;
  try {
    absolute = Y.createAbsolutePositionFromRelativePosition(relative, doc);
  } catch {
    return null;
  }
  if (!absolute || !isWithin(absolute.type as Y.AbstractType<unknown>, clause.body as unknown as Y.AbstractType<unknown>)) return null;
  return absolute;
}
