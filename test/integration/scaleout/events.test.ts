import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODE } from '../../../shared/collab/closeCodes.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { eventually, openCollabClient, starterDraftId } from '../../helpers/collabClient.js';
import { EventStreamReader } from '../../helpers/eventStream.js';
import { ApiClient } from '../../helpers/http.js';
import { twoProcesses } from '../../helpers/scaleOut.js';
import { TEST_PASSWORD, type TestServer } from '../../helpers/testServer.js';

/** How soon an event published on one process must be on another's streams. */
const ACROSS_MS = 1000;

function signIn(server: TestServer, email: string): Promise<ApiClient> {
  return new ApiClient(server.url).signIn(email, TEST_PASSWORD);
}

/** A clause id of the starter draft that has text. */
async function clauseWithText(server: TestServer, draftId: string): Promise<string> {
  return server.rooms.read(draftId, (doc) => readOrderedClauses(doc).find((c) => c.kind === 'operative' && c.body.length > 0)!.id);
}

describe('draft events across processes on one database', () => {
  const open: EventStreamReader[] = [];
  afterEach(() => open.splice(0).forEach((reader) => reader.close()));
  const stream = async (server: TestServer, path: string, api: ApiClient) => {
    const reader = await EventStreamReader.open(`${server.url}${path}`, api.cookie);
    open.push(reader);
    expect(reader.status).toBe(200);
    return reader;
  };

  it('with Redis: a comment posted on A is on the draft’s stream served by B within a second, once, and on A’s own at once', async () => {
    const [a, b] = await twoProcesses();
    const draftId = await starterDraftId(a);
    const clauseId = await clauseWithText(a, draftId);
    const reviewerOnA = await signIn(a, 'reviewer@example.org');
    const onB = await stream(b, `/api/drafts/${draftId}/events`, await signIn(b, 'dk@example.org'));
    const onA = await stream(a, `/api/drafts/${draftId}/events`, await signIn(a, 'us@example.org'));

    const posted = await reviewerOnA.post(`/api/drafts/${draftId}/comments`, { clauseId, body: 'Posted on A' });
    expect(posted.status).toBe(201);
    const sentAt = Date.now();
    const seen = await onB.waitFor((e) => e.event === 'comment.changed' && e.data.comment.body === 'Posted on A', 3000);
    const lagMs = Date.now() - sentAt;
    expect(lagMs).toBeLessThan(ACROSS_MS);
    expect(seen.data.comment).toMatchObject({ id: posted.body.id, clauseId });
    await onA.waitFor((e) => e.event === 'comment.changed' && e.data.comment.id === posted.body.id, 1000);

    // Neither process hears its own events back from Redis: each stream has the comment once.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const reader of [onA, onB]) expect(reader.events.filter((e) => e.data.comment?.id === posted.body.id)).toHaveLength(1);
  });

  it('with Redis: a rename on B is on the workspace stream served by A', async () => {
    const [a, b] = await twoProcesses();
    const draftId = await starterDraftId(a);
    const workspaceOnA = await stream(a, '/api/events', await signIn(a, 'reviewer@example.org'));
    const secretariatOnB = await signIn(b, 'secretariat@example.org');
    expect((await secretariatOnB.patch(`/api/drafts/${draftId}`, { title: 'Renamed on B' })).status).toBe(200);
    const event = await workspaceOnA.waitFor((e) => e.event === 'draft.updated' && e.data.draft.title === 'Renamed on B', ACROSS_MS);
    expect(event.data.draft.id).toBe(draftId);
  });

  it('with Redis: amendments mode switched on A applies at once to the draft already open on B', async () => {
    const [a, b] = await twoProcesses();
    const draftId = await starterDraftId(a);
    const clauseId = await clauseWithText(a, draftId);
    const us = await signIn(b, 'us@example.org');
    const onB = await stream(b, `/api/drafts/${draftId}/events`, us);
    // The draft is live on B, in direct mode: a plain edit by a delegate goes through.
    const writer = await openCollabClient(b, { draftId, cookie: us.cookie! });
    paragraphOf(writer.doc, clauseId).insert(0, 'Direct. ');
    await expect.poll(() => paragraphOnServer(b, draftId, clauseId)).toMatch(/^Direct\. /);
    expect(writer.closes).toEqual([]);

    const secretariatOnA = await signIn(a, 'secretariat@example.org');
    expect((await secretariatOnA.patch(`/api/drafts/${draftId}`, { editingMode: 'amendments' })).status).toBe(200);
    await onB.waitFor((e) => e.event === 'draft.updated' && e.data.draft.editingMode === 'amendments', ACROSS_MS);

    paragraphOf(writer.doc, clauseId).insert(0, 'Not a proposal. ');
    await eventually(() => writer.closes.length > 0, 'the delegate’s plain edit to be refused on B');
    expect(writer.closes[0]!.code).toBe(CLOSE_CODE.EDIT_REFUSED);
  });

  it('without Redis: each process’s streams carry only its own events (the bus is what carries them across)', async () => {
    const [a, b] = await twoProcesses({ redis: false });
    const draftId = await starterDraftId(a);
    const clauseId = await clauseWithText(a, draftId);
    const onB = await stream(b, `/api/drafts/${draftId}/events`, await signIn(b, 'dk@example.org'));
    const onA = await stream(a, `/api/drafts/${draftId}/events`, await signIn(a, 'us@example.org'));
    const posted = await (await signIn(a, 'reviewer@example.org')).post(`/api/drafts/${draftId}/comments`, { clauseId, body: 'Only on A' });
    expect(posted.status).toBe(201);
    await onA.waitFor((e) => e.event === 'comment.changed', 1000);
    await new Promise((resolve) => setTimeout(resolve, ACROSS_MS));
    expect(onB.events).toEqual([]);
  });
});

/** The first paragraph of a clause in a client's document. */
function paragraphOf(doc: Y.Doc, clauseId: string): Y.XmlText {
  const clause = readOrderedClauses(doc).find((c) => c.id === clauseId)!;
  return (clause.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** The first paragraph of a clause as the server's live document has it. */
function paragraphOnServer(server: TestServer, draftId: string, clauseId: string): Promise<string> {
  return server.rooms.read(draftId, (doc) => paragraphOf(doc, clauseId).toString());
}
