import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODE } from '../../shared/collab/closeCodes.js';
import { eventually, openCollabClient, openRawSocket, type CollabClient } from '../helpers/collabClient.js';
import { EventStreamReader } from '../helpers/eventStream.js';
import { ApiClient } from '../helpers/http.js';
import { reportFigure } from '../helpers/reportFigure.js';
import { readStoredMetadata } from '../helpers/storedMetadata.js';
import { manualClock, startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/testServer.js';
import { testStore } from '../helpers/testStore.js';

const TTL_MS = 12 * 3600_000;
const clock = manualClock();
let server: TestServer;
let draftId: string;
let eventsUrl: string;

const signIn = (email: string) => new ApiClient(server.url).signIn(email, TEST_PASSWORD);

/** What each door answers for a Cookie header: the API (a read and a write), the event stream, the collaboration socket (its close code, 0 when accepted). */
async function doors(cookie: string | null): Promise<{ read: number; write: number; events: number; socket: number }> {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  const read = (await fetch(`${server.url}/api/me`, { headers })).status;
  const write = (
    await fetch(`${server.url}/api/drafts/${draftId}/versions`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: '{"label":"x"}',
    })
  ).status;
  const stream = await EventStreamReader.open(eventsUrl, cookie ?? undefined);
  stream.close();
  const socket = openRawSocket(server, `/collab/${draftId}`, { cookie });
  await socket.opened;
  // 0: the socket was accepted (the server greeted it) instead of closed.
  const code = await Promise.race([
    socket.closed.then((c) => c.code),
    new Promise<number>((resolve) => socket.ws.once('message', () => resolve(0))),
  ]);
  socket.ws.terminate();
  return { read, write, events: stream.status, socket: code };
}

/** Resolves with `promise`, or fails naming `what` after `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms))]);
}

const REFUSED = { read: 401, write: 401, events: 401, socket: CLOSE_CODE.UNAUTHENTICATED };

/**
 * Runs one tick of the sync server's periodic access re-check (every 60 s in production; startServer does
 * not expose the interval), which closes sockets whose session expired or was signed out.
 */
function recheckOpenSockets(): void {
  (server.collab as unknown as { reauthenticateAll(): void }).reauthenticateAll();
}

beforeAll(async () => {
  server = await startTestServer({ clock });
  draftId = (await (await signIn('secretariat@example.org')).get('/api/drafts')).body[0].id;
  eventsUrl = `${server.url}/api/drafts/${draftId}/events`;
});

describe('forged sessions', () => {
  it('are refused at every door: API reads and writes, the event stream and the collaboration socket', async () => {
    const real = (await signIn('us@example.org')).cookie!.slice('sid='.length);
    const metadata = await readStoredMetadata(server);
    const storedHash =
      metadata.sessions.find((s) => s.tokenHash === createHash('sha256').update(real).digest('hex'))?.tokenHash ??
      metadata.sessions[0]!.tokenHash;
    const flipped = real.slice(0, -1) + (real.endsWith('A') ? 'B' : 'A');
    const forged: Array<[string, string | null]> = [
      ['no cookie', null],
      ['a random token of the right shape', `sid=${Buffer.alloc(32, 7).toString('base64url')}`],
      [
        `the hash stored in ${testStore() === 'postgres' ? 'the sessions table' : 'metadata.json'} instead of the token`,
        `sid=${storedHash}`,
      ],
      ['a real token with its last character changed', `sid=${flipped}`],
      ['a real token with one character more', `sid=${real}A`],
      ['a real token cut short', `sid=${real.slice(0, -1)}`],
      ['10,000 characters', `sid=${'A'.repeat(10_000)}`],
      ['broken percent-encoding', 'sid=%E0%A4%A'],
      ['a real token under another cookie name', `session=${real}`],
    ];
    for (const [name, cookie] of forged) expect({ name, ...(await doors(cookie)) }).toEqual({ name, ...REFUSED });
    expect(await doors(`sid=${real}`)).toEqual({ read: 200, write: 201, events: 200, socket: 0 });
    reportFigure('forged sessions', `${forged.length} kinds refused at all 4 doors (API read, API write, event stream, socket 4401)`);
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, for the whole site, expiring with the session', async () => {
    const res = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'au@example.org', password: TEST_PASSWORD }),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^sid=[A-Za-z0-9_-]{43}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(new Date(/Expires=([^;]+)/.exec(cookie)![1]!).getTime()).toBe(Math.floor((clock().getTime() + TTL_MS) / 1000) * 1000);
  });
});

describe('a session that expires while its pages are open', () => {
  it('stops working at every door, and its open event stream and socket are closed', async () => {
    const us = await signIn('us@example.org');
    const socket = await openCollabClient(server, { draftId, cookie: us.cookie! });
    const stream = await EventStreamReader.open(eventsUrl, us.cookie);
    clock.advance(TTL_MS - 60_000);
    expect((await us.get('/api/me')).status, 'a minute before expiry').toBe(200);
    clock.advance(120_000);
    expect(await doors(us.cookie!)).toEqual(REFUSED);

    // An event published now must not reach the expired page, whose stream ends instead.
    const secretariat = await signIn('secretariat@example.org');
    await secretariat.patch(`/api/drafts/${draftId}`, { title: 'Renamed after the expiry' });
    await within(stream.closed, 5000, 'the expired event stream to end');
    expect(stream.events.map((e) => e.event)).toEqual([]);
    recheckOpenSockets();
    await eventually(() => socket.closes.length > 0, 'the expired socket to be closed');
    expect(socket.closes[0]!.code).toBe(CLOSE_CODE.SESSION_ENDED);
    reportFigure(
      'session expiry',
      `after ${TTL_MS / 3600_000} h: API 401, new sockets 4401, open event stream ended before the next event, open socket closed 4410 at the next re-check (every 60 s)`,
    );
  });
});

describe('signing out in one tab', () => {
  it('ends that session everywhere it is used, and only that one', async () => {
    const tabA = await signIn('dk@example.org');
    const tabB = await signIn('dk@example.org');
    const socketA = await openCollabClient(server, { draftId, cookie: tabA.cookie! });
    const socketB = await openCollabClient(server, { draftId, cookie: tabB.cookie! });
    const streamA = await EventStreamReader.open(eventsUrl, tabA.cookie);
    const streamB = await EventStreamReader.open(eventsUrl, tabB.cookie);
    const cookieB = tabB.cookie!;
    expect((await tabB.delete('/api/session')).status).toBe(204);

    expect(await doors(cookieB)).toEqual(REFUSED);
    expect((await tabA.get('/api/me')).status).toBe(200);
    await (await signIn('secretariat@example.org')).patch(`/api/drafts/${draftId}`, { title: 'Renamed after a sign-out' });
    await streamA.waitFor((e) => e.data.draft?.title === 'Renamed after a sign-out');
    await within(streamB.closed, 5000, 'the signed-out event stream to end');
    expect(streamB.events).toEqual([]);
    recheckOpenSockets();
    await eventually(() => socketB.closes.length > 0, 'the signed-out socket to be closed');
    expect(socketB.closes.map((c) => c.code)).toEqual([CLOSE_CODE.SESSION_ENDED]);
    expect(socketA.closes).toEqual([]);
    streamA.close();
  });
});

describe('a member deactivated while connected', () => {
  let norway: { id: string };
  let socket: CollabClient;
  let stream: EventStreamReader;
  let api: ApiClient;

  beforeAll(async () => {
    api = await signIn('no@example.org');
    socket = await openCollabClient(server, { draftId, cookie: api.cookie! });
    stream = await EventStreamReader.open(eventsUrl, api.cookie);
    const secretariat = await signIn('secretariat@example.org');
    norway = (await secretariat.get('/api/members')).body.find((m: { email: string }) => m.email === 'no@example.org');
    expect((await secretariat.patch(`/api/members/${norway.id}`, { active: false })).status).toBe(200);
  });

  it('loses the open socket at once with SESSION_ENDED, and the client stops reconnecting', async () => {
    await eventually(() => socket.closes.length > 0, 'the socket to be closed');
    expect(socket.closes[0]!.code).toBe(CLOSE_CODE.SESSION_ENDED);
    expect(socket.provider.shouldConnect).toBe(false);
  });

  it('loses the open event stream at once', async () => {
    await within(stream.closed, 5000, 'the event stream to end');
    await (await signIn('secretariat@example.org')).patch(`/api/drafts/${draftId}`, { title: 'Renamed after the deactivation' });
    expect(stream.events).toEqual([]);
  });

  it('is refused at every door with the old cookie, and cannot sign in again', async () => {
    expect(await doors(api.cookie!)).toEqual(REFUSED);
    const again = await new ApiClient(server.url).post('/api/session', { email: 'no@example.org', password: TEST_PASSWORD });
    expect({ status: again.status, code: again.body.error.code }).toEqual({ status: 401, code: 'INVALID_CREDENTIALS' });
    reportFigure('deactivation', 'open socket closed 4410 and open event stream ended at once; API 401, new sockets 4401, sign-in refused');
  });
});
