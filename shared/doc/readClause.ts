import * as Y from 'yjs';
import { isId } from '../ids.js';
import { proposalAttrs } from '../amendments/proposalAttrs.js';
import { CLAUSE_FIELD, getClauses, isClauseKind, type ClauseKind, type ProposalAttrs } from './schema.js';

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
  /** The id of the clause this one is an option of (the group's first option), or null. Not checked to exist. */
  alternativeTo: string | null;
  /** A "no text" option: its body is not read. */
  noText: boolean;
  /** When a client added the clause (ms since 1970), or null (seeded, or not a finite number). */
  addedAt: number | null;
  /** The option this clause was settled from (it takes over that clause's published number), or null. */
  succeeds: string | null;
  /** A delegation's proposed new clause (amendments mode), until decided; null otherwise or malformed. */
  proposedBy: ProposalAttrs | null;
  /** A delegation's proposal to delete the clause, until decided; null otherwise or malformed. */
  deletionProposedBy: ProposalAttrs | null;
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
  const alternativeTo: unknown = map.get(CLAUSE_FIELD.alternativeTo);
  const addedAt: unknown = map.get(CLAUSE_FIELD.addedAt);
  const succeeds: unknown = map.get(CLAUSE_FIELD.succeeds);
  return {
    id,
    kind,
    heading,
    body,
    map: map as Y.Map<unknown>,
    alternativeTo: isId(alternativeTo) && alternativeTo !== id ? alternativeTo : null,
    noText: map.get(CLAUSE_FIELD.noText) === true,
    addedAt: typeof addedAt === 'number' && Number.isFinite(addedAt) ? addedAt : null,
    succeeds: isId(succeeds) && succeeds !== id ? succeeds : null,
    proposedBy: proposalAttrs(map.get(CLAUSE_FIELD.proposedBy)),
    deletionProposedBy: proposalAttrs(map.get(CLAUSE_FIELD.deletionProposedBy)),
  };
}
