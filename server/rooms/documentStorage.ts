import * as Y from 'yjs';
import { seedDocument, type DocumentSeed } from '../../shared/doc/seedDocument.js';
import type { Log } from '../log.js';
import type { DocumentStore } from '../storage/DocumentStore.js';
import type { RoomStorage } from './RoomStorage.js';

export interface DocumentStorageOptions {
  documents: DocumentStore;
  /** What a new draft's document starts with (its template, under its title). */
  seedFor(draftId: string): Promise<DocumentSeed>;
  log: Log;
  /** Compact a draft's log once it has grown past this many bytes since the last compaction. @default 1 MiB */
  compactAfterBytes?: number;
  /** Other processes write to the same drafts (RoomStorage.shared). @default false */
  shared?: boolean;
}

/**
 * Rooms' documents in a DocumentStore:
 * - load: the saved updates and client id owners, or for a new draft its seed, written to disk before any
 *   client can see it, so a crash can never lead to a second, different seed;
 * - addClientIdOwners: to the document store, durably;
 * - store: append (durable when it resolves); compacts in the background past `compactAfterBytes`;
 * - unload: waits for a running compaction, compacts what the log gained if the room wrote anything (a room
 *   that was only read leaves the files as they are), releases the draft's files.
 */
export function createDocumentStorage(options: DocumentStorageOptions): RoomStorage {
  const { documents, log } = options;
  const compactAfterBytes = options.compactAfterBytes ?? 1024 * 1024;
  const compactions = new Map<string, Promise<void>>();

  const compact = (draftId: string, state: Uint8Array | null): Promise<void> => {
    if (state === null) return Promise.resolve();
    const running = documents
      .compact(draftId, state)
      .catch((error: unknown) =>
        log.error('compacting a draft failed (its log still holds everything)', { draftId, error: (error as Error).message }),
      )
      .finally(() => compactions.delete(draftId));
    compactions.set(draftId, running);
    return running;
  };

  return {
    async load(draftId, document) {
      const [updates, clientIdOwners] = await Promise.all([documents.load(draftId), documents.loadClientIdOwners(draftId)]);
      if (updates.length > 0) {
        for (const update of updates) Y.applyUpdate(document, update);
        return { clientIdOwners };
      }
      // The seed is built apart: with several processes another may seed the draft first, and then only its seed may exist.
      const seeded = new Y.Doc();
      seedDocument(seeded, await options.seedFor(draftId));
      const seed = Y.encodeStateAsUpdate(seeded);
      seeded.destroy();
      if (documents.appendFirst && !(await documents.appendFirst(draftId, seed))) {
        for (const update of await documents.load(draftId)) Y.applyUpdate(document, update);
        return { clientIdOwners: await documents.loadClientIdOwners(draftId) };
      }
      if (!documents.appendFirst) await documents.append(draftId, seed);
      Y.applyUpdate(document, seed);
      return { clientIdOwners };
    },

    addClientIdOwners(draftId, owners) {
      return documents.addClientIdOwners(draftId, owners);
    },

    async store(draftId, update, snapshot) {
      await documents.append(draftId, update);
      if (documents.logSize(draftId) > compactAfterBytes && !compactions.has(draftId)) void compact(draftId, snapshot());
    },

    async unload(draftId, snapshot, wrote) {
      await compactions.get(draftId);
      if (wrote && documents.logSize(draftId) > 0) await compact(draftId, snapshot());
      await documents.release(draftId);
    },

    shared: options.shared ? { clientIdOwners: (draftId) => documents.loadClientIdOwners(draftId) } : undefined,
  };
}
