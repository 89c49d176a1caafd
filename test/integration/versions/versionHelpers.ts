import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as Y from 'yjs';
import { readParagraphs } from '../../../shared/doc/clauseBody.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { draftPaths } from '../../../server/storage/DraftPaths.js';
import { METADATA_FILE } from '../../../server/storage/metadata/LowdbMetadata.js';
import { scanRecords } from '../../../server/storage/RecordCodec.js';
import { readSnapshot } from '../../../server/storage/SnapshotFile.js';
import { VERSIONS_DIR } from '../../../server/storage/VersionSnapshotStore.js';
import { ApiClient } from '../../helpers/http.js';
import { TEST_PASSWORD, type TestServer } from '../../helpers/testServer.js';

/** Signed-in API clients for one member of each role (and a second delegate). */
export async function signInAll(server: TestServer) {
  const as = (email: string) => new ApiClient(server.url).signIn(email, TEST_PASSWORD);
  return {
    secretariat: await as('secretariat@example.org'),
    delegate: await as('us@example.org'),
    otherDelegate: await as('dk@example.org'),
    reviewer: await as('reviewer@example.org'),
  };
}

/** Inserts text into the first paragraph of a clause, as typing in the editor would. */
export function typeInto(doc: Y.Doc, clauseId: string, index: number, text: string): void {
  const clause = readOrderedClauses(doc).find((c) => c.id === clauseId)!;
  const paragraph = clause.body.get(0) as Y.XmlElement;
  (paragraph.get(0) as Y.XmlText).insert(index, text);
}

/** The paragraphs of a clause in the server's live document. */
export function serverParagraphs(server: TestServer, draftId: string, clauseId: string): Promise<string[]> {
  return server.rooms.read(draftId, (doc) => {
    const clause = readOrderedClauses(doc).find((c) => c.id === clauseId);
    return clause ? readParagraphs(clause.body) : [];
  });
}

/** The ids of operative clauses in reading order. */
export function operativeIds(doc: Y.Doc): string[] {
  return readOrderedClauses(doc)
    .filter((c) => c.kind === 'operative')
    .map((c) => c.id);
}

/** The metadata file and every version snapshot file, byte for byte: to show that a refused request changed nothing. */
export async function storedState(server: TestServer): Promise<{ metadata: string; snapshots: Record<string, string> }> {
  const metadata = await readFile(path.join(server.dataDir, METADATA_FILE), 'utf8');
  const snapshots: Record<string, string> = {};
  const root = path.join(server.dataDir, VERSIONS_DIR);
  for (const draft of await readdir(root).catch(() => [])) {
    for (const file of await readdir(path.join(root, draft))) {
      snapshots[`${draft}/${file}`] = (await readFile(path.join(root, draft, file))).toString('base64');
    }
  }
  return { metadata, snapshots };
}

/**
 * The draft's document as its files are on disk right now, read without touching them (no recovery, unlike
 * FileDocumentStore), so it can be used while the server runs: what a crash at this moment would leave.
 */
export async function readDraftFilesNow(dataDir: string, draftId: string): Promise<Y.Doc> {
  const paths = draftPaths(dataDir, draftId);
  const doc = new Y.Doc();
  const snapshot = await readSnapshot(paths);
  if (snapshot) Y.applyUpdate(doc, snapshot);
  const log = await readFile(paths.log).catch(() => Buffer.alloc(0));
  for (const update of scanRecords(log).payloads) Y.applyUpdate(doc, update);
  return doc;
}
