import { describe, expect, it } from 'vitest';
import { CLOSE_CODE } from '../../../shared/collab/closeCodes.js';
import { addClause } from '../../../shared/doc/addClause.js';
import { eventually, openCollabClient, signInCookie, starterDraftId, waitForSync, type CollabClient } from '../../helpers/collabClient.js';
import { ApiClient } from '../../helpers/http.js';
import { freshDatabase } from '../../helpers/postgres.js';
import { readStoredDraftNow } from '../../helpers/storedDraft.js';
import { firstOperativeHeading, REDIS_URL, wholeText } from '../../helpers/scaleOut.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../helpers/testServer.js';

const serverText = (server: TestServer, draftId: string) => server.rooms.read(draftId, wholeText);

async function secretariatOf(server: TestServer): Promise<ApiClient> {
  return new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
}

async function setArchived(api: ApiClient, draftId: string, archived: boolean): Promise<void> {
  const res = await api.patch(`/api/drafts/${draftId}`, { archived });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.archived).toBe(archived);
}

/**
 * Waits until `watcher` has `writer`'s latest presence: the server handles a socket's frames in order, so by
 * then everything the writer sent before it was handled too (applied, or dropped).
 */
async function handledSoFar(writer: CollabClient, watcher: CollabClient, step: number): Promise<void> {
  writer.provider.awareness.setLocalStateField('cursor', { step });
  await eventually(
    () => watcher.provider.awareness.getStates().get(writer.doc.clientID)?.cursor?.step === step,
    `presence step ${step} of the writer`,
  );
}

/** The close code of the client's next close, or a failure naming `what` when none comes within 5 s. */
function nextCloseCode(client: CollabClient, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: the socket was not closed within 5 s`)), 5000);
    void client.nextClose().then((close) => {
      clearTimeout(timer);
      resolve(close.code);
    });
  });
}

/** True once the client's socket is open and in sync again (after the server closed it). */
const connectedAndSynced = (client: CollabClient) => () => client.provider.wsconnected && client.provider.synced;

describe('the collaboration sockets of an archived draft', () => {
  it('accept a delegate and the secretariat and serve them the text, but apply and store none of their edits', async () => {
    const server = await startTestServer();
    const draftId = await starterDraftId(server);
    await setArchived(await secretariatOf(server), draftId, true);
    const original = await serverText(server, draftId);
    const storedBefore = wholeText(await readStoredDraftNow(server, draftId));

    const delegate = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'us@example.org') });
    const secretariat = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'secretariat@example.org') });
    const watcher = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'dk@example.org') });
    for (const client of [delegate, secretariat, watcher]) expect(wholeText(client.doc)).toBe(original);

    firstOperativeHeading(delegate.doc).insert(0, 'DELEGATE ');
    firstOperativeHeading(secretariat.doc).insert(0, 'SECRETARIAT ');
    addClause(secretariat.doc, { kind: 'operative', heading: 'Added while archived', paragraphs: ['Never stored.'] });
    await handledSoFar(delegate, watcher, 1);
    await handledSoFar(secretariat, watcher, 1);
    expect(await serverText(server, draftId)).toBe(original);
    expect(wholeText(watcher.doc)).toBe(original);

    // Reconnecting sends a client's whole state as sync step 2: dropped as well.
    delegate.provider.disconnect();
    delegate.provider.connect();
    await waitForSync(delegate);
    await handledSoFar(delegate, watcher, 2);
    expect(await serverText(server, draftId)).toBe(original);

    const late = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'no@example.org') });
    expect(wholeText(late.doc)).toBe(original);
    expect(wholeText(await readStoredDraftNow(server, draftId))).toBe(storedBefore);
    // Read-only sockets are not refused: nobody was closed.
    for (const client of [delegate, secretariat, watcher]) expect(client.closes).toEqual([]);
  });

  it('stop writing the moment the draft is archived, reconnect read-only, and write again once it is restored', async () => {
    const server = await startTestServer();
    const draftId = await starterDraftId(server);
    const api = await secretariatOf(server);
    const writer = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'us@example.org') });
    const other = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'dk@example.org') });
    const reviewer = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'reviewer@example.org') });

    firstOperativeHeading(writer.doc).insert(0, 'Before. ');
    await eventually(() => wholeText(reviewer.doc).includes('Before. '), 'the edit before archiving to reach the reviewer');

    const writerClosed = nextCloseCode(writer, 'the writer, on archiving');
    const otherClosed = nextCloseCode(other, 'the other delegate, on archiving');
    await setArchived(api, draftId, true);
    // Typed the moment the archiving was answered, on the socket that was open.
    firstOperativeHeading(writer.doc).insert(0, 'During. ');
    expect(await writerClosed).toBe(CLOSE_CODE.ACCESS_CHANGED);
    expect(await otherClosed).toBe(CLOSE_CODE.ACCESS_CHANGED);

    // A stock provider reconnects by itself (a transient code), and gets the text, read-only.
    await eventually(connectedAndSynced(writer), 'the writer to reconnect');
    firstOperativeHeading(writer.doc).insert(0, 'After. ');
    await handledSoFar(writer, reviewer, 1);
    const archivedText = await serverText(server, draftId);
    expect(archivedText).toContain('Before. ');
    expect(archivedText).not.toMatch(/During\.|After\./);
    expect(wholeText(reviewer.doc)).toBe(archivedText);
    // The reviewer's permission did not change: its socket stayed open.
    expect(reviewer.closes).toEqual([]);

    // The app's page drops a document holding edits the server did not take (it opens the draft afresh):
    // so does this test, before restoring.
    writer.destroy();
    await eventually(connectedAndSynced(other), 'the other delegate to reconnect');
    const reopened = nextCloseCode(other, 'the other delegate, on restoring');
    await setArchived(api, draftId, false);
    expect(await reopened).toBe(CLOSE_CODE.ACCESS_CHANGED);
    await eventually(connectedAndSynced(other), 'the other delegate to reconnect after the restore');
    firstOperativeHeading(other.doc).insert(0, 'Restored. ');
    await eventually(() => wholeText(reviewer.doc).includes('Restored. '), 'the edit after restoring to reach the reviewer');
    expect(await serverText(server, draftId)).toContain('Restored. Before. ');
    await expect.poll(async () => wholeText(await readStoredDraftNow(server, draftId))).toContain('Restored. Before. ');
    expect(reviewer.closes).toEqual([]);
  });

  it('with several processes: archiving on one closes the draft’s sockets on the other, which reconnect read-only', async () => {
    const database = await freshDatabase();
    const env = { DATABASE_URL: database, REDIS_URL };
    const [a, b] = await Promise.all([startTestServer({ env }), startTestServer({ env })]);
    const draftId = await starterDraftId(a);
    const writerOnB = await openCollabClient(b, { draftId, cookie: await signInCookie(b, 'us@example.org') });
    const watcherOnB = await openCollabClient(b, { draftId, cookie: await signInCookie(b, 'reviewer@example.org') });

    const closed = nextCloseCode(writerOnB, 'the writer on B, on archiving on A');
    await setArchived(await secretariatOf(a), draftId, true);
    expect(await closed).toBe(CLOSE_CODE.ACCESS_CHANGED);
    await eventually(connectedAndSynced(writerOnB), 'the writer on B to reconnect');
    firstOperativeHeading(writerOnB.doc).insert(0, 'Archived on A. ');
    await handledSoFar(writerOnB, watcherOnB, 1);
    expect(await serverText(b, draftId)).not.toContain('Archived on A. ');
    expect(wholeText(await readStoredDraftNow(b, draftId))).not.toContain('Archived on A. ');

    // Restoring crosses over the same way; the reviewer's permission never changed, so it stays connected.
    const writerReopened = nextCloseCode(writerOnB, 'the writer on B, on restoring on A');
    await setArchived(await secretariatOf(a), draftId, false);
    expect(await writerReopened).toBe(CLOSE_CODE.ACCESS_CHANGED);
    await eventually(connectedAndSynced(writerOnB), 'the writer on B to reconnect after the restore');
    expect(watcherOnB.closes).toEqual([]);
  });
});
