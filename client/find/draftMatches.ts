import type * as Y from 'yjs';
import { readClause } from '../../shared/doc/readClause.js';
import { findInText, searchPattern } from './matchText.js';
import { yTextblocks } from './textblocks.js';

/** One match of a search in the draft: in a clause's heading (block 0) or in paragraph `block` of its text. */
export interface DraftMatch {
  clauseId: string;
  field: 'heading' | 'body';
  block: number;
  start: number;
  end: number;
}

/** Identifies a match across re-reads of the document, while the text before it in its paragraph stays. */
export function matchKey(match: DraftMatch): string {
  return `${match.clauseId}|${match.field}|${match.block}|${match.start}`;
}

/**
 * Every match of `query` (ignoring case) in the given clauses, in that order: each clause's heading, then
 * its text (not for sections, which have none, nor for "no text" options). Read from the Yjs document, so
 * clauses whose editors are not mounted are searched like the others.
 */
export function readDraftMatches(doc: Y.Doc, clauseIds: readonly string[], query: string): DraftMatch[] {
  const pattern = searchPattern(query);
  if (!pattern) return [];
  const matches: DraftMatch[] = [];
  for (const clauseId of clauseIds) {
    const clause = readClause(doc, clauseId);
    if (!clause) continue;
    for (const range of findInText(clause.heading.toString(), pattern)) matches.push({ clauseId, field: 'heading', block: 0, ...range });
    if (clause.kind === 'section' || clause.noText) continue;
    yTextblocks(clause.body).forEach((text, block) => {
      for (const range of findInText(text, pattern)) matches.push({ clauseId, field: 'body', block, ...range });
    });
  }
  return matches;
}
