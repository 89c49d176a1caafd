import type * as Y from 'yjs';
import { isId } from '../ids.js';
import { numberClauses } from '../doc/numberClauses.js';
import { readOrderedClauses } from '../doc/readOrderedClauses.js';
import { readTitle } from '../doc/schema.js';
import { cleanLine } from './cleanText.js';
import { DraftText, type ClauseText } from './DraftText.js';
import { readBlocks } from './readBlocks.js';

/** What the document itself does not know: which draft and version it is. */
export interface DraftTextSource {
  draftId: string;
  /** "Rev.2" for a published revision; null otherwise. */
  revision: string | null;
  /** The version's label, or null for the live draft. */
  versionLabel: string | null;
  /** When the version was taken, ISO 8601 (any offset; stored normalised to UTC). Never the export time. */
  date: string;
  /** The draft's title; @default the title in the document's `meta` (readTitle) */
  title?: string;
}

/**
 * Reads a draft's Y.Doc into DraftText, the one model every export and comparison reads.
 *
 * Clauses come in reading order (readOrderedClauses: duplicates and malformed clauses skipped), then clauses
 * whose id is not of the system's id shape (isId) are skipped too, since ids end up in file formats (Akoma
 * Ntoso eIds) and links. Numbers are derived from what remains (numberClauses). Title, label and headings are
 * one line of clean text (cleanLine); bodies keep only what DraftText allows (readBlocks). The result is
 * checked against the DraftText schema, so a reader can rely on it.
 *
 * Throws a RangeError when `source.date` is not a date: every export prints it, and inventing one would
 * break "the same version, the same bytes".
 */
export function draftTextFromDoc(doc: Y.Doc, source: DraftTextSource): DraftText {
  const time = Date.parse(source.date);
  if (Number.isNaN(time)) throw new RangeError(`Not an ISO 8601 date: ${JSON.stringify(source.date)}`);
  const clauses = numberClauses(readOrderedClauses(doc).filter((clause) => isId(clause.id))).map(
    (clause): ClauseText => ({
      id: clause.id,
      kind: clause.kind,
      number: clause.number,
      heading: cleanLine(clause.heading.toString()),
      blocks: readBlocks(clause.body),
    }),
  );
  return DraftText.parse({
    format: 'draft-text/1',
    draftId: source.draftId,
    title: cleanLine(source.title ?? readTitle(doc)),
    revision: source.revision === null ? null : cleanLine(source.revision),
    versionLabel: source.versionLabel === null ? null : cleanLine(source.versionLabel),
    date: new Date(time).toISOString(),
    clauses,
  });
}
