import * as Y from 'yjs';

/**
 * The draft as a Yjs document: one Y.Doc per draft, synced in the websocket room named by the draft id.
 *
 * Root types (read and write them only through the helpers in shared/doc):
 * - `order`: Y.Array<string>, clause ids in reading order. Two people moving the same clause at once can
 *   leave its id in the array twice; the first occurrence wins when reading (readOrderedClauses).
 * - `clauses`: Y.Map from clause id to a Y.Map holding one clause:
 *   - `kind`: 'preambular' | 'operative' | 'section' (a plain string value),
 *   - `heading`: Y.Text (plain text, no formatting),
 *   - `body`: Y.XmlFragment that one TipTap editor binds to (pass it as the Collaboration extension's
 *     `fragment` option). Its content is ProseMirror-shaped, as y-prosemirror writes it: block elements
 *     such as Y.XmlElement('paragraph') holding Y.XmlText (marks are formatting attributes on the text).
 *   - `alternativeTo` (optional string): this clause is an option of the clause with that id (the group's
 *     first option, "Option 1"). Options of one clause form a group: the first option and its alternatives.
 *     When the first option leaves the text, the others stay a group led by the one added first (numberClauses).
 *   - `noText` (optional boolean): this option is "no text" (its body is not read).
 *   - `addedAt` (optional number, ms since 1970): when a client added the clause; orders clauses added
 *     between the same two published clauses (OP3bis before OP3ter) and alternatives (PP5alt, PP5alt2).
 *   - `succeeds` (optional string): the option this clause was settled from (see shared/doc/options.ts):
 *     it takes over that clause's published number, or the one that clause had taken over (readSuccession).
 *   - `proposedBy` (optional ProposalAttrs): the clause is a delegation's proposed new clause (amendments
 *     mode) until the secretariat accepts it (the field goes) or rejects it (the clause leaves `order`).
 *   - `deletionProposedBy` (optional ProposalAttrs): a delegation proposes deleting the clause; accepting
 *     takes it out of `order`, rejecting drops the field.
 *   A deleted clause leaves `order` but stays in `clauses`, so comments and history keep their target;
 *   clause ids are random (newClauseId) and never reused.
 *
 * Brackets are a mark in clause bodies (BRACKET_MARK): y-prosemirror stores it as the formatting attribute
 * `bracket` = `{ delegation: <delegation id> }` on the text. The server rewrites any bracket a client writes
 * to carry the sending member's own delegation (server/collab/bracketAttribution.ts).
 * Proposals (amendments mode, shared/amendments/proposals.ts) are two more marks in clause bodies, stored
 * the same way: `insertion` = `{ id, delegation }` on proposed new text, `deletion` = `{ id, delegation }`
 * on accepted text proposed for deletion (it stays, struck through, until decided). `id` names one
 * proposal (consecutive typing by one member in one place); `delegation` is a delegation id, always the
 * sender's (the server refuses or rewrites anything else).
 * - `meta`: Y.Map with `title` (string, the title the document was seeded with) and `schemaVersion`.
 *
 * Display numbers (PP1, OP3 ...) are derived when reading (numberClauses), never stored. A new draft's
 * document is seeded by the server (seedDocument), never by a browser: two browsers seeding the same empty
 * document would duplicate every clause.
 *
 * Any client can write any shape into a Y.Doc, so everything read back is untrusted: the readers here
 * skip ids that are not strings, clauses of an unknown kind and clauses whose fields have the wrong type.
 */
export const DOC_ROOT = { order: 'order', clauses: 'clauses', meta: 'meta' } as const;

/** Keys of a clause's Y.Map. */
export const CLAUSE_FIELD = {
  kind: 'kind',
  heading: 'heading',
  body: 'body',
  alternativeTo: 'alternativeTo',
  noText: 'noText',
  addedAt: 'addedAt',
  succeeds: 'succeeds',
  proposedBy: 'proposedBy',
  deletionProposedBy: 'deletionProposedBy',
} as const;

/** The name of the bracket mark (TipTap/ProseMirror mark name and Yjs formatting attribute key). */
export const BRACKET_MARK = 'bracket';

/** The attributes of a bracket mark: the id of the delegation that proposed the bracketed text. */
export interface BracketAttrs {
  delegation: string;
}

/** The mark (and Yjs formatting attribute) on text a delegation proposes to insert. */
export const INSERTION_MARK = 'insertion';
/** The mark (and Yjs formatting attribute) on accepted text a delegation proposes to delete. */
export const DELETION_MARK = 'deletion';

/** The attributes of an insertion or deletion mark. */
export interface ProposalAttrs {
  /** One proposal; unique in the draft (proposalIdFor). */
  id: string;
  /** The proposing delegation's id. */
  delegation: string;
}

/** Keys of the `meta` Y.Map. */
export const META_FIELD = { title: 'title', schemaVersion: 'schemaVersion' } as const;

/** Written to meta.schemaVersion when seeding, so a later change of shape can be recognised and migrated. */
export const DOC_SCHEMA_VERSION = 1;

/** Preambular paragraphs (PP), operative paragraphs (OP) and unnumbered section headings. */
export const CLAUSE_KINDS = ['preambular', 'operative', 'section'] as const;
export type ClauseKind = (typeof CLAUSE_KINDS)[number];

/** The Y.XmlElement node name of a paragraph in a clause body (ProseMirror's and TipTap's `paragraph` node). */
export const PARAGRAPH_NODE = 'paragraph';

export function isClauseKind(value: unknown): value is ClauseKind {
  return typeof value === 'string' && (CLAUSE_KINDS as readonly string[]).includes(value);
}

/** The `order` array. Its entries are meant to be clause ids but are untrusted: read via readOrderedClauses. */
export function getOrder(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray<unknown>(DOC_ROOT.order);
}

/** The `clauses` map (clause id -> clause Y.Map). */
export function getClauses(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(DOC_ROOT.clauses);
}

/** The `meta` map (title, schemaVersion). */
export function getMeta(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(DOC_ROOT.meta);
}

/** The document's title from `meta`, or '' when missing or not a string. */
export function readTitle(doc: Y.Doc): string {
  const title = getMeta(doc).get(META_FIELD.title);
  return typeof title === 'string' ? title : '';
}
