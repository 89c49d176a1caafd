import * as Y from 'yjs';
import { canonicalJson } from '../../../shared/export/canonicalJson.js';
import { DOC_ROOT } from '../../../shared/doc/schema.js';
import type { ClientIdOwner, DocumentStore } from '../DocumentStore.js';

/** What the check compares of one draft's stored document, computed from the updates a store returned. */
export interface DocumentSummary {
  /** Whether the store holds any state for the draft (a draft never opened has none, and is seeded when first opened). */
  stored: boolean;
  /** Y.encodeStateVector: which updates of which clients the document holds. */
  stateVector: Uint8Array;
  /** Y.encodeSnapshot(Y.snapshot(doc)): the state vector and delete set, so deletions count too. */
  snapshot: Uint8Array;
  /** The document's content as canonical JSON (order, clauses with their headings and bodies as XML, meta). */
  content: string;
  owners: ClientIdOwner[];
}

/**
 * A document rebuilt from a store's updates (in order, snapshot first). No garbage collection: deleted
 * content the source still kept is copied too, so nothing the source held is lost on the way.
 */
function rebuild(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}

/**
 * The draft's text as data: each root the schema knows (shared/doc/schema.ts) read with its type. A root a
 * client wrote with another type cannot be read so; it is compared by the error it gives (the same on both
 * sides when the state is), the state vector and snapshot covering the rest.
 */
function contentOf(doc: Y.Doc): string {
  const read = (get: () => unknown) => {
    try {
      return get();
    } catch (error) {
      return `unreadable: ${error instanceof Error ? error.message : String(error)}`;
    }
  };
  return canonicalJson({
    order: read(() => doc.getArray<unknown>(DOC_ROOT.order).toJSON() as unknown[]),
    clauses: read(() => doc.getMap(DOC_ROOT.clauses).toJSON()),
    meta: read(() => doc.getMap(DOC_ROOT.meta).toJSON()),
  });
}

/** Loads a draft's document and client id owners from `store` and summarises them; the state is returned for copying. */
export async function readDocument(store: DocumentStore, draftId: string): Promise<{ summary: DocumentSummary; state: Uint8Array | null }> {
  const updates = await store.load(draftId);
  const owners = await store.loadClientIdOwners(draftId);
  const doc = rebuild(updates);
  try {
    const summary: DocumentSummary = {
      stored: updates.length > 0,
      stateVector: Y.encodeStateVector(doc),
      snapshot: Y.encodeSnapshot(Y.snapshot(doc)),
      content: contentOf(doc),
      owners,
    };
    return { summary, state: updates.length > 0 ? Y.encodeStateAsUpdate(doc) : null };
  } finally {
    doc.destroy();
  }
}

/**
 * Copies one draft's document: its whole state as one update appended to the target's log, then compacted
 * into the target's snapshot (the state covers what was just appended), and its client id owners in order.
 * A draft with no stored state is left without one, so the target seeds it from its template as the source
 * would have. Returns the source's summary, for the check.
 */
export async function copyDocument(from: DocumentStore, to: DocumentStore, draftId: string): Promise<DocumentSummary> {
  const { summary, state } = await readDocument(from, draftId);
  if (state) {
    await to.append(draftId, state);
    await to.compact(draftId, state);
  }
  if (summary.owners.length > 0) await to.addClientIdOwners(draftId, summary.owners);
  // Neither store keeps the draft open: a workspace of many drafts is copied one draft's memory at a time.
  await Promise.all([from.release(draftId), to.release(draftId)]);
  return summary;
}

/** What differs between the source's document and the target's (empty: none). */
export function documentDifferences(expected: DocumentSummary, found: DocumentSummary): string[] {
  const problems: string[] = [];
  if (expected.stored !== found.stored) problems.push(found.stored ? 'a document where none was stored' : 'no stored document');
  if (!sameBytes(expected.stateVector, found.stateVector)) problems.push('another state vector');
  if (!sameBytes(expected.snapshot, found.snapshot)) problems.push('other deletions');
  if (expected.content !== found.content) problems.push('another text');
  if (canonicalJson(expected.owners) !== canonicalJson(found.owners)) {
    problems.push(`${found.owners.length} client id owners where ${expected.owners.length} were expected, or others`);
  }
  return problems;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}
