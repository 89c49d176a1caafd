import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DraftEvent } from '../../../shared/api/events.js';
import * as Y from 'yjs';
import { addOption } from '../../../shared/doc/options.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { INSERTION_MARK } from '../../../shared/doc/schema.js';
import { METADATA_FILE } from '../../../server/storage/metadata/LowdbMetadata.js';
import { eventually, openCollabClient, signInCookie } from '../../helpers/collabClient.js';
import { ApiClient } from '../../helpers/http.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../helpers/testServer.js';
import { bracketText, clauseIds, eventStreams, signInMembers } from './negotiationHelpers.js';

const storedCounts = async (server: TestServer) =>
  (
    JSON.parse(await readFile(path.join(server.dataDir, METADATA_FILE), 'utf8')) as { drafts: Array<{ id: string; counts?: unknown }> }
  ).drafts.map((d) => d.counts);

describe('bracket, option and proposal counts on the drafts list, live through the workspace stream', () => {
  const stream = eventStreams();

  it('counts the seeded starter draft when the drafts list first shows it', async () => {
    const server = await startTestServer();
    expect(await storedCounts(server)).toEqual([undefined]);
    const reviewer = await new ApiClient(server.url).signIn('reviewer@example.org', TEST_PASSWORD);
    const list = await reviewer.get('/api/drafts');
    expect(list.body.map((d: { counts: unknown }) => d.counts)).toEqual([{ brackets: 0, options: 0, proposals: 0 }]);
    expect(await storedCounts(server)).toEqual([{ brackets: 0, options: 0, proposals: 0 }]);
  });

  it('tells another member’s drafts list the new counts when a delegate brackets text or adds an option', async () => {
    const server = await startTestServer();
    const as = await signInMembers(server);
    const draftId = (await as.us.get('/api/drafts')).body[0].id as string;
    const op = await clauseIds(server, draftId, 'operative');
    const list = await stream(server, '/api/events', as.dk);
    expect(list.status).toBe(200);

    const editor = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'us@example.org') });
    bracketText(editor.doc, op[0]!, 0, 11, as.usDelegation);
    const first = await list.waitFor((e) => e.event === 'draft.updated' && e.data.draft.counts.brackets === 1);
    expect(DraftEvent.parse(first.data)).toMatchObject({ draft: { id: draftId, counts: { brackets: 1, options: 0 } } });

    bracketText(editor.doc, op[1]!, 0, 11, as.usDelegation);
    addOption(editor.doc, op[1]!);
    await list.waitFor((e) => e.data.draft?.counts.brackets === 2 && e.data.draft.counts.options === 2);
    expect((await as.reviewer.get('/api/drafts')).body[0].counts).toEqual({ brackets: 2, options: 2, proposals: 0 });
    // Counted once per change of the counts, not once per edit.
    const updates = list.events.filter((e) => e.event === 'draft.updated').map((e) => e.data.draft.counts);
    expect(new Set(updates.map((c) => JSON.stringify(c))).size).toBe(updates.length);
  });

  it('counts undecided proposals: a delegate’s proposed insertion raises the count on the drafts list, withdrawing it lowers it', async () => {
    const server = await startTestServer();
    const as = await signInMembers(server);
    const draftId = (await as.us.get('/api/drafts')).body[0].id as string;
    expect((await as.secretariat.patch(`/api/drafts/${draftId}`, { editingMode: 'amendments' })).status).toBe(200);
    const op = await clauseIds(server, draftId, 'operative');
    const list = await stream(server, '/api/events', as.dk);
    const editor = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'us@example.org') });
    const text = (
      readOrderedClauses(editor.doc)
        .find((c) => c.id === op[0])!
        .body.get(0) as Y.XmlElement
    ).get(0) as Y.XmlText;
    const proposed = 'Where national law permits, ';
    text.insert(0, proposed, { [INSERTION_MARK]: { id: 'proposalUS000001', delegation: as.usDelegation } });
    const raised = await list.waitFor((e) => e.event === 'draft.updated' && e.data.draft.counts.proposals === 1);
    expect(DraftEvent.parse(raised.data)).toMatchObject({ draft: { id: draftId, counts: { brackets: 0, options: 0, proposals: 1 } } });
    expect((await as.reviewer.get('/api/drafts')).body[0].counts).toEqual({ brackets: 0, options: 0, proposals: 1 });

    text.delete(0, proposed.length);
    await list.waitFor((e) => e.event === 'draft.updated' && e.data.draft.counts.proposals === 0);
    expect(await storedCounts(server)).toEqual([{ brackets: 0, options: 0, proposals: 0 }]);
    editor.destroy();
  });

  it('counts again a draft whose stored counts come from before proposals were counted', async () => {
    const first = await startTestServer();
    const reviewer = await new ApiClient(first.url).signIn('reviewer@example.org', TEST_PASSWORD);
    await reviewer.get('/api/drafts');
    await first.close();
    const file = path.join(first.dataDir, METADATA_FILE);
    const data = JSON.parse(await readFile(file, 'utf8')) as { drafts: Array<{ counts?: Record<string, number> }> };
    for (const d of data.drafts) d.counts = { brackets: 0, options: 0 };
    await writeFile(file, JSON.stringify(data));

    const second = await startTestServer({ dataDir: first.dataDir });
    const again = await new ApiClient(second.url).signIn('reviewer@example.org', TEST_PASSWORD);
    expect((await again.get('/api/drafts')).body[0].counts).toEqual({ brackets: 0, options: 0, proposals: 0 });
    expect(await storedCounts(second)).toEqual([{ brackets: 0, options: 0, proposals: 0 }]);
  });

  it('recounts after changes that can change the counts, never for plain typing', async () => {
    const server = await startTestServer();
    const as = await signInMembers(server);
    const draftId = (await as.us.get('/api/drafts')).body[0].id as string;
    // Every change of the draft's document, and whether the negotiation extension asked for a recount
    // (it runs first, so its verdict on a change is known when the recorder below hears of it).
    const seen: boolean[] = [];
    let recount = false;
    const counts = server.services.counts;
    const changed = counts.changed.bind(counts);
    counts.changed = (id: string) => {
      if (id === draftId) recount = true;
      changed(id);
    };
    // Rooms loaded from now on have the recorder (listing drafts may have loaded this one to count it).
    await eventually(() => server.rooms.stats().rooms === 0, 'no draft in memory');
    server.rooms.use({
      name: 'recorder',
      afterChange: ({ draftId: id }) => {
        if (id !== draftId) return;
        seen.push(recount);
        recount = false;
      },
    });
    const op = await clauseIds(server, draftId, 'operative');
    const editor = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'us@example.org') });
    const text = () =>
      (
        readOrderedClauses(editor.doc)
          .find((c) => c.id === op[0])!
          .body.get(0) as Y.XmlElement
      ).get(0) as Y.XmlText;
    const after = async (change: () => void): Promise<boolean[]> => {
      const from = seen.length;
      change();
      await eventually(() => seen.length > from, 'the change to reach the server');
      return seen.slice(from);
    };
    expect(await after(() => text().insert(3, ' typed'))).toEqual([false]);
    expect(await after(() => bracketText(editor.doc, op[0]!, 0, 3, as.usDelegation)), 'bracket').toEqual([true]);
    expect(await after(() => text().insert(1, 'x'))).toEqual([false]);
    // Deleting the whole bracketed passage takes its formatting with it: counted again.
    expect(await after(() => text().delete(0, 5)), 'delete').toEqual([true]);
    expect(await after(() => addOption(editor.doc, op[1]!)), 'option').toEqual([true]);
    editor.destroy();
  });

  it('delivers new drafts, renames and archives of every draft, and nothing else', async () => {
    const server = await startTestServer();
    const as = await signInMembers(server);
    const draftId = (await as.us.get('/api/drafts')).body[0].id as string;
    const list = await stream(server, '/api/events', as.reviewer);
    const created = (await as.secretariat.post('/api/drafts', { title: 'Second draft' })).body.id as string;
    await list.waitFor((e) => e.data.draft?.id === created && e.data.draft.title === 'Second draft');
    await as.secretariat.patch(`/api/drafts/${draftId}`, { title: 'Renamed' });
    await list.waitFor((e) => e.data.draft?.id === draftId && e.data.draft.title === 'Renamed');
    await as.secretariat.patch(`/api/drafts/${created}`, { archived: true });
    await list.waitFor((e) => e.data.draft?.id === created && e.data.draft.archived === true);

    const clause = (await clauseIds(server, draftId, 'operative'))[0]!;
    await as.secretariat.request('PUT', `/api/drafts/${draftId}/clauses/${clause}/status`, { status: 'agreed' });
    await as.secretariat.patch(`/api/drafts/${draftId}`, { title: 'Renamed again' });
    await list.waitFor((e) => e.data.draft?.title === 'Renamed again');
    expect(list.events.every((e) => e.event === 'draft.updated')).toBe(true);
  });

  it('refuses signed-out readers and ends when the member is deactivated', async () => {
    const server = await startTestServer();
    const as = await signInMembers(server);
    expect((await stream(server, '/api/events', null)).status).toBe(401);
    const list = await stream(server, '/api/events', as.dk);
    const denmark = (await as.secretariat.get('/api/members')).body.find((m: { email: string }) => m.email === 'dk@example.org');
    await as.secretariat.patch(`/api/members/${denmark.id}`, { active: false });
    await list.closed;
    await as.secretariat.post('/api/drafts', { title: 'After deactivation' });
    expect(list.events).toEqual([]);
  });
});
