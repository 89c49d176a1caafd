import * as Y from 'yjs';
import type { DocumentStore } from '../../server/storage/DocumentStore.js';
import { FileDocumentStore } from '../../server/storage/FileDocumentStore.js';

/**
 * The document of a draft exactly as it is on disk under `dataDir` (the server must be closed):
 * what a restart would load.
 */
export async function readDraftFromDisk(dataDir: string, draftId: string): Promise<Y.Doc> {
  return loadAndClose(await FileDocumentStore.open(dataDir, { warn: () => {} }), draftId);
}

/** A draft's document as a store holds it; closes the store after. */
export async function loadAndClose(store: DocumentStore, draftId: string): Promise<Y.Doc> {
  try {
    const doc = new Y.Doc();
    for (const update of await store.load(draftId)) Y.applyUpdate(doc, update);
    return doc;
  } finally {
    await store.close();
  }
}
