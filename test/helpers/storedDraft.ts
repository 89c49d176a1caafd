import * as Y from 'yjs';
import { PgDocumentStore } from '../../server/storage/postgres/PgDocumentStore.js';
import { readDraftFilesNow } from '../integration/versions/versionHelpers.js';
import { loadAndClose, readDraftFromDisk } from './draftDisk.js';
import { withOwnPool, type StoredAt } from './testStore.js';

/**
 * The document of a draft as the server's store holds it, whichever store that is: what a restart would
 * load. The embedded store's files are read (and recovered) as a restart would, so that server must be
 * stopped; PostgreSQL is read through a PgDocumentStore on a pool of its own (what is committed).
 */
export function readStoredDraft(server: StoredAt, draftId: string): Promise<Y.Doc> {
  return server.databaseUrl ? readDraftFromDatabase(server.databaseUrl, draftId) : readDraftFromDisk(server.dataDir, draftId);
}

/**
 * The same, while the server runs: the embedded store's files are read without being touched (no
 * recovery), PostgreSQL as above. What a crash at this moment would leave.
 */
export function readStoredDraftNow(server: StoredAt, draftId: string): Promise<Y.Doc> {
  return server.databaseUrl ? readDraftFromDatabase(server.databaseUrl, draftId) : readDraftFilesNow(server.dataDir, draftId);
}

/** The draft's document as committed in PostgreSQL: its snapshot and log, read in one statement. */
function readDraftFromDatabase(databaseUrl: string, draftId: string): Promise<Y.Doc> {
  return withOwnPool(databaseUrl, (pool) => loadAndClose(new PgDocumentStore(pool), draftId));
}
