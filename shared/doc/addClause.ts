import * as Y from 'yjs';
import { appendParagraphs } from './clauseBody.js';
import { orderIndexFor, type ClausePlacement } from './clausePlacement.js';
import { newClauseId } from './newClauseId.js';
import { CLAUSE_FIELD, getClauses, getOrder, type ClauseKind, type ProposalAttrs } from './schema.js';

export type AddClauseOptions = ClausePlacement & {
  kind: ClauseKind;
  /** @default '' */
  heading?: string;
  /** Body paragraphs as plain text. @default [''] (one empty paragraph) for clauses, [] for sections */
  paragraphs?: readonly string[];
  /** The id to use; only for seeding and tests. @default newClauseId() */
  id?: string;
  /** Makes the clause an option of that clause (the group's first option). */
  alternativeTo?: string;
  /** A "no text" option (with alternativeTo). */
  noText?: boolean;
  /** When it was added (orders OP3bis/OP3ter and alternatives). @default Date.now() */
  addedAt?: number;
  /** A delegation's proposed new clause (amendments mode): the proposal's id and the delegation. */
  proposedBy?: ProposalAttrs;
};

/**
 * Creates a clause and puts it into the reading order (see ClausePlacement), in one transaction so
 * other clients never see a clause without its fields. A new clause body starts with one empty paragraph:
 * an empty fragment would make every editor that opens it create its own first paragraph.
 * Returns the new clause id.
 */
export function addClause(doc: Y.Doc, options: AddClauseOptions): string {
  const id = options.id ?? newClauseId();
  const paragraphs = options.paragraphs ?? (options.kind === 'section' ? [] : ['']);
  doc.transact(() => {
    const index = orderIndexFor(doc, options);
    const clause = getClauses(doc).set(id, new Y.Map<unknown>());
    clause.set(CLAUSE_FIELD.kind, options.kind);
    clause.set(CLAUSE_FIELD.heading, new Y.Text(options.heading ?? ''));
    const body = clause.set(CLAUSE_FIELD.body, new Y.XmlFragment());
    appendParagraphs(body, paragraphs);
    clause.set(CLAUSE_FIELD.addedAt, options.addedAt ?? Date.now());
    if (options.alternativeTo !== undefined) clause.set(CLAUSE_FIELD.alternativeTo, options.alternativeTo);
    if (options.noText) clause.set(CLAUSE_FIELD.noText, true);
    if (options.proposedBy) clause.set(CLAUSE_FIELD.proposedBy, { ...options.proposedBy });
    getOrder(doc).insert(index, [id]);
  });
  return id;
}
