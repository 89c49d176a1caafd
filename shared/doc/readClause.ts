import * as Y from 'yjs';
import { CLAUSE_FIELD, getClauses, isClauseKind, type ClauseKind } from './schema.js';

/** One clause as read from the document: its id, kind and the live Yjs types an editor binds to. */
export interface ClauseView {
  id: string;
  kind: ClauseKind;
  /** Plain-text heading, edited collaboratively. */
  heading: Y.Text;
  /** The clause text; bind one TipTap editor to it (Collaboration extension, `fragment` option). */
  body: Y.XmlFragment;
  /** The clause's own Y.Map, e.g. to observe changes of kind. */
  map: Y.Map<unknown>;
}

/**
 * The clause stored under `id` in `clauses`, or null when there is none or it does not have the schema's
 * shape (unknown kind, heading not a Y.Text, body not a Y.XmlFragment): untrusted data is skipped, not fixed.
 */
export function readClause(doc: Y.Doc, id: string): ClauseView | null {
  const map = getClauses(doc).get(id);
  if (!(map instanceof Y.Map)) return null;
  const kind: unknown = map.get(CLAUSE_FIELD.kind);
  const heading: unknown = map.get(CLAUSE_FIELD.heading);
  const body: unknown = map.get(CLAUSE_FIELD.body);
  if (!isClauseKind(kind) || !(heading instanceof Y.Text) || !(body instanceof Y.XmlFragment)) return null;
  // Y.XmlElement extends Y.XmlFragment; a body must be a fragment, not an element.
  if (body instanceof Y.XmlElement) return null;
  return { id, kind, heading, body, map: map as Y.Map<unknown> };
}
