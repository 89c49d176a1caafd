import * as Y from 'yjs';
import { FileDocumentStore } from '../../server/storage/FileDocumentStore.js';

/**
 * The document of a draft exactly as it is on disk under `dataDir` (the server must be closed):
 * what a restart would load.
 */
export async function readDraftFromDisk(dataDir: string, draftId: string): Promise<Y.Doc> {
  const store = await FileDocumentStore.open(dataDir, { warn: () => {} });
  try {
    const doc = new Y.Doc();
    for (const update of await store.load(draftId)) Y.applyUpdate(doc, update);
    return doc;
  } finally {
    await store.close();
  }
}
