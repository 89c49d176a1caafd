import { describe, expect, it } from 'vitest';
import { CLOSE_CODE } from '../../../shared/collab/closeCodes.js';
import {
  eventually,
  openCollabClient,
  openRawSocket,
  signInCookie,
  starterDraftId,
  type CollabClient,
} from '../../helpers/collabClient.js';
import { EventStreamReader } from '../../helpers/eventStream.js';
import { ApiClient } from '../../helpers/http.js';
import { freshDatabase } from '../../helpers/postgres.js';
import { readStoredDraftNow } from '../../helpers/storedDraft.js';
import { firstOperativeHeading, REDIS_URL, wholeText } from '../../helpers/scaleOut.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../helpers/testServer.js';

async function secretariatOf(server: TestServer): Promise<ApiClient> {
  return new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
}

/** The id of the delegation of the member signed in as `email`. */
async function delegationOf(server: TestServer, email: string): Promise<string> {
  return ((await (await new ApiClient(server.url).signIn(email, TEST_PASSWORD)).get('/api/me')).body as { delegation: { id: string } })
    .delegation.id;
}

async function setParticipants(api: ApiClient, draftId: string, participants: { delegationIds: string[]; memberIds: string[] } | null) {
  const res = await api.patch(`/api/drafts/${draftId}`, { participants });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
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

/** Resolves once the stream has ended (the server closed it), or fails naming `what` after 5 s. */
function streamEnded(reader: EventStreamReader, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: the event stream was not ended within 5 s`)), 5000);
    void reader.closed.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The upgrade of `email` to the draft: the close code it is refused with, or null when the server starts syncing. */
async function upgradeAs(server: TestServer, draftId: string, email: string): Promise<number | null> {
  const socket = openRawSocket(server, `/collab/${draftId}?client=test`, { cookie: await signInCookie(server, email) });
  await socket.opened;
  const first = await Promise.race([
    socket.closed.then((close) => close.code),
    eventually(() => socket.messages.length > 0, 'the server’s first message').then(() => null),
  ]);
  socket.ws.close();
  return first;
}

describe('the collaboration socket of a draft with participants', () => {
  it('refuses members who do not take part with 4403 FORBIDDEN, and serves the participants and the secretariat', async () => {
    const server = await startTestServer();
    const draftId = await starterDraftId(server);
    await setParticipants(await secretariatOf(server), draftId, {
      delegationIds: [await delegationOf(server, 'us@example.org')],
      memberIds: [],
    });

    expect(await upgradeAs(server, draftId, 'no@example.org')).toBe(CLOSE_CODE.FORBIDDEN);
    expect(await upgradeAs(server, draftId, 'reviewer@example.org')).toBe(CLOSE_CODE.FORBIDDEN);
    expect(await upgradeAs(server, draftId, 'us@example.org')).toBeNull();
    expect(await upgradeAs(server, draftId, 'secretariat@example.org')).toBeNull();
  });

  it('closes the socket of a member removed while typing with 4403 and ends their event stream at once, losing nothing they had saved', async () => {
    const server = await startTestServer();
    const draftId = await starterDraftId(server);
    const api = await secretariatOf(server);
    const noCookie = await signInCookie(server, 'no@example.org');
    const norway = await openCollabClient(server, { draftId, cookie: noCookie });
    const usCookie = await signInCookie(server, 'us@example.org');
    const us = await openCollabClient(server, { draftId, cookie: usCookie });
    const norwayEvents = await EventStreamReader.open(`${server.url}/api/drafts/${draftId}/events`, noCookie);
    const usEvents = await EventStreamReader.open(`${server.url}/api/drafts/${draftId}/events`, usCookie);
    expect([norwayEvents.status, usEvents.status]).toEqual([200, 200]);

    firstOperativeHeading(norway.doc).insert(0, 'Typed by Norway. ');
    await eventually(() => wholeText(us.doc).includes('Typed by Norway. '), 'Norway’s edit to reach the US');

    const closed = nextCloseCode(norway, 'Norway’s socket, on being removed');
    const ended = streamEnded(norwayEvents, 'Norway’s event stream');
    await setParticipants(api, draftId, { delegationIds: [await delegationOf(server, 'us@example.org')], memberIds: [] });
    expect(await closed).toBe(CLOSE_CODE.FORBIDDEN);
    await ended;
    // Not a word of the change reached the removed member's stream; the participant's stream stays open and has it.
    expect(norwayEvents.events.filter((e) => e.event === 'draft.updated')).toEqual([]);
    await usEvents.waitFor((e) => e.event === 'draft.updated' && e.data.draft.participants !== null);
    expect(us.closes).toEqual([]);

    // A final code: the stock provider does not come back, and a new socket is refused.
    expect(await upgradeAs(server, draftId, 'no@example.org')).toBe(CLOSE_CODE.FORBIDDEN);
    expect(norway.provider.wsconnected).toBe(false);
    // What Norway typed before it was removed stays in the draft, live and stored.
    expect(await server.rooms.read(draftId, wholeText)).toContain('Typed by Norway. ');
    await expect.poll(async () => wholeText(await readStoredDraftNow(server, draftId))).toContain('Typed by Norway. ');
    usEvents.close();
  });

  it('with several processes: removing a member on one closes their socket and ends their stream on the other', async () => {
    const database = await freshDatabase();
    const env = { DATABASE_URL: database, REDIS_URL };
    const [a, b] = await Promise.all([startTestServer({ env }), startTestServer({ env })]);
    const draftId = await starterDraftId(a);
    const noCookie = await signInCookie(b, 'no@example.org');
    const norwayOnB = await openCollabClient(b, { draftId, cookie: noCookie });
    const usOnB = await openCollabClient(b, { draftId, cookie: await signInCookie(b, 'us@example.org') });
    const eventsOnB = await EventStreamReader.open(`${b.url}/api/drafts/${draftId}/events`, noCookie);
    expect(eventsOnB.status).toBe(200);

    const closed = nextCloseCode(norwayOnB, 'Norway’s socket on B, on being removed on A');
    const ended = streamEnded(eventsOnB, 'Norway’s event stream on B');
    await setParticipants(await secretariatOf(a), draftId, { delegationIds: [await delegationOf(a, 'us@example.org')], memberIds: [] });
    expect(await closed).toBe(CLOSE_CODE.FORBIDDEN);
    await ended;
    expect(usOnB.closes).toEqual([]);
    expect(await upgradeAs(b, draftId, 'no@example.org')).toBe(CLOSE_CODE.FORBIDDEN);
  });
});
