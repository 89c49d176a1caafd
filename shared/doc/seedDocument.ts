import type * as Y from 'yjs';
import { addClause } from './addClause.js';
import { DOC_SCHEMA_VERSION, getMeta, META_FIELD, type ClauseKind } from './schema.js';

/** What a new draft's document starts with (the starter text in drafts/, or just a title). */
export interface DocumentSeed {
  title: string;
  clauses: ReadonlyArray<{ kind: ClauseKind; heading: string; paragraphs: readonly string[] }>;
}

/**
 * Writes the seed into an empty document in one transaction: meta (title, schema version) and the clauses
 * in order, each with a fresh id. Only the server calls this, once per draft, and persists the result
 * before any client sees it; returns the new clause ids in order.
 */
export function seedDocument(doc: Y.Doc, seed: DocumentSeed): string[] {
  const ids: string[] = [];
  doc.transact(() => {
    const meta = getMeta(doc);
    meta.set(META_FIELD.title, seed.title);
    meta.set(META_FIELD.schemaVersion, DOC_SCHEMA_VERSION);
    for (const clause of seed.clauses) {
      ids.push(addClause(doc, { kind: clause.kind, heading: clause.heading, paragraphs: clause.paragraphs }));
    }
  });
  return ids;
}
