import type * as Y from 'yjs';
import { readParagraphs } from '../../shared/doc/clauseBody.js';
import { readClause } from '../../shared/doc/readClause.js';
import { clauseName } from '../common/draft/clauseName.js';
import type { NumberedClause } from '../common/draft/useOrderedClauses.js';

/** How the comments panel names the clause a thread is on. */
export interface CommentClause {
  /** "OP2", "section “Preamble”", or for a clause no longer in the text "deleted clause “Sharing best…”". */
  name: string;
  /** Its heading, or else the start of its text ('' when both are empty). */
  summary: string;
  /** True when the clause was deleted from the text (it stays in the document for its comments). */
  deleted: boolean;
}

function shorten(text: string, length: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > length ? `${clean.slice(0, length).trimEnd()}…` : clean;
}

/** Names a clause for the comments panel, whether it is still in the reading order or was deleted. */
export function describeCommentClause(doc: Y.Doc, clauses: readonly NumberedClause[], clauseId: string): CommentClause {
  const numbered = clauses.find((clause) => clause.id === clauseId);
  const clause = numbered ?? readClause(doc, clauseId);
  const heading = clause?.heading.toString().trim() ?? '';
  const summary = shorten(heading || (clause ? readParagraphs(clause.body).join(' ') : ''), 60);
  if (numbered) return { name: clauseName(numbered, heading), summary, deleted: false };
  const short = shorten(summary, 30);
  return { name: short ? `deleted clause “${short}”` : 'deleted clause', summary, deleted: true };
}
