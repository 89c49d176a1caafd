import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODE } from '../../../shared/collab/closeCodes.js';
import { trackSaved } from '../../../shared/collab/trackSaved.js';
import { addClause } from '../../../shared/doc/addClause.js';
import { readParagraphs } from '../../../shared/doc/clauseBody.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { getClauses, readTitle } from '../../../shared/doc/schema.js';
import { eventually, openCollabClient, signInCookie, starterDraftId } from '../../helpers/collabClient.js';
import { readDraftFromDisk } from '../../helpers/draftDisk.js';
import { ApiClient } from '../../helpers/http.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../helpers/testServer.js';

const headings = (doc: Y.Doc) => readOrderedClauses(doc).map((c) => c.heading.toString());

async function secretariat(server: TestServer): Promise<ApiClient> {
  return new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
}

describe('after a restart on the same data folder', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'coc-collab-restart-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('the text is intact and not duplicated, and the starter seed is never applied again', async () => {
    const first = await startTestServer({ dataDir });
    const draftId = await starterDraftId(first);
    const cookie = await signInCookie(first, 'us@example.org');
    const client = await openCollabClient(first, { draftId, cookie });
    const seededIds = readOrderedClauses(client.doc).map((c) => c.id);
    const tracker = trackSaved(client.provider, () => {});
    addClause(client.doc, { kind: 'operative', heading: 'Review', paragraphs: ['States will review this code after three years.'] });
    readOrderedClauses(client.doc)[1]!.heading.insert(0, 'Edited ');
    await eventually(() => tracker.saved, 'the edits to be saved');
    const before = headings(client.doc);
    const clauseCount = getClauses(client.doc).size;
    client.destroy();
    await first.close();

    for (let restart = 0; restart < 2; restart += 1) {
      const server = await startTestServer({ dataDir });
      const again = await openCollabClient(server, { draftId, cookie });
      expect(headings(again.doc)).toEqual(before);
      expect(getClauses(again.doc).size).toBe(clauseCount);
      expect(
        readOrderedClauses(again.doc)
          .slice(0, seededIds.length)
          .map((c) => c.id),
      ).toEqual(seededIds);
      const review = readOrderedClauses(again.doc).find((c) => c.heading.toString() === 'Review')!;
      expect(readParagraphs(review.body)).toEqual(['States will review this code after three years.']);
      again.destroy();
      await server.close();
    }
  });
});

describe('loading and unloading', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });

  it('seeds a new starter draft once, however many clients open it at the same moment', async () => {
    const api = await secretariat(server);
    const created = await api.post('/api/drafts', { title: 'Second code', template: 'starter' });
    expect(created.status).toBe(201);
    const cookies = await Promise.all(
      ['us@example.org', 'au@example.org', 'dk@example.org', 'no@example.org'].map((e) => signInCookie(server, e)),
    );
    const clients = await Promise.all(cookies.map((cookie) => openCollabClient(server, { draftId: created.body.id, cookie })));
    const ids = clients.map((c) =>
      readOrderedClauses(c.doc)
        .map((clause) => clause.id)
        .join(),
    );
    expect(new Set(ids).size).toBe(1);
    expect(getClauses(clients[0]!.doc).size).toBe(11);
    expect(readTitle(clients[0]!.doc)).toBe('Second code');
  });

  it('seeds a blank draft with its title and no clauses', async () => {
    const api = await secretariat(server);
    const created = await api.post('/api/drafts', { title: 'Blank code', template: 'blank' });
    const client = await openCollabClient(server, { draftId: created.body.id, cookie: await signInCookie(server, 'au@example.org') });
    expect(readTitle(client.doc)).toBe('Blank code');
    expect(readOrderedClauses(client.doc)).toEqual([]);
  });

  it('lets a document leave memory when its last client leaves, and loads the same text next time', async () => {
    const draftId = await starterDraftId(server);
    const cookie = await signInCookie(server, 'no@example.org');
    const a = await openCollabClient(server, { draftId, cookie });
    addClause(a.doc, { kind: 'preambular', heading: 'Unload marker' });
    const b = await openCollabClient(server, { draftId, cookie });
    await eventually(() => headings(b.doc).includes('Unload marker'), 'the second client to see the marker');
    a.destroy();
    b.destroy();
    await eventually(() => server.rooms.stats().rooms === 0 && server.collab.stats().connections === 0, 'the room to unload');
    const c = await openCollabClient(server, { draftId, cookie });
    expect(headings(c.doc).filter((h) => h === 'Unload marker')).toHaveLength(1);
  });
});

describe('ending sessions and stopping', () => {
  it('closes a deactivated member’s open socket with SESSION_ENDED, and the client stops retrying', async () => {
    const server = await startTestServer();
    const draftId = await starterDraftId(server);
    const client = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'no@example.org') });
    const other = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'dk@example.org') });
    const stopped = new Promise<{ code: number }>((resolve) => client.provider.on('closed', (event) => resolve(event)));
    const api = await secretariat(server);
    const members = (await api.get('/api/members')).body as Array<{ id: string; email: string }>;
    const norway = members.find((m) => m.email === 'no@example.org')!;
    expect((await api.patch(`/api/members/${norway.id}`, { active: false })).status).toBe(200);
    expect((await stopped).code).toBe(CLOSE_CODE.SESSION_ENDED);
    expect(client.provider.shouldConnect).toBe(false);
    expect(other.provider.wsconnected).toBe(true);
  });

  it('closes sockets with SHUTTING_DOWN on stop, after flushing what was accepted', async () => {
    const server = await startTestServer();
    const draftId = await starterDraftId(server);
    const a = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'us@example.org') });
    const b = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'au@example.org') });
    const closed = a.nextClose();
    for (let i = 0; i < 20; i += 1) addClause(a.doc, { kind: 'operative', heading: `Last words ${i}` });
    await eventually(() => headings(b.doc).includes('Last words 19'), 'the edits to reach the server');
    await server.close();
    expect((await closed).code).toBe(CLOSE_CODE.SHUTTING_DOWN);
    const onDisk = await readDraftFromDisk(server.dataDir, draftId);
    expect(headings(onDisk).filter((h) => h.startsWith('Last words'))).toHaveLength(20);
  });
});
