import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_EVENT_STREAMS_PER_MEMBER } from '../../../shared/api/events.js';
import { CLOSE_CODE } from '../../../shared/collab/closeCodes.js';
import { COLLAB_LIMITS } from '../../../shared/collab/limits.js';
import { eventually, openRawSocket, signInCookie, starterDraftId } from '../../helpers/collabClient.js';
import { oneDatabase, twoProcesses } from '../../helpers/scaleOut.js';
import { spawnServer } from '../../helpers/spawnServer.js';
import { TEST_PASSWORD, type TestServer } from '../../helpers/testServer.js';

async function openSocket(server: TestServer, draftId: string, cookie: string) {
  const socket = openRawSocket(server, `/collab/${draftId}`, { cookie });
  await socket.opened;
  return socket;
}

/** Opens an event stream and resolves with its status once the headers arrive (the stream stays open). */
async function openStream(server: TestServer, path: string, cookie: string): Promise<{ status: number; close(): void }> {
  const controller = new AbortController();
  const res = await fetch(`${server.url}${path}`, { headers: { cookie }, signal: controller.signal });
  return { status: res.status, close: () => controller.abort() };
}

/** Opens sockets to the draft until one is answered rather than refused, for up to `withinMs`. */
async function greetedWithin(server: TestServer, draftId: string, cookie: string, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    const attempt = await openSocket(server, draftId, cookie);
    let closed = false;
    void attempt.closed.then(() => (closed = true));
    await eventually(() => attempt.messages.length > 0 || closed, 'the new socket to be answered');
    if (!closed && attempt.messages.length > 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

describe('a member’s caps count every process', () => {
  it(`refuses a socket past ${COLLAB_LIMITS.maxConnectionsPerMemberPerDraft} to one draft when the others are spread over two processes (transient: the page retries), and frees a slot when one closes`, async () => {
    const [a, b] = await twoProcesses();
    const draftId = await starterDraftId(a);
    const cookie = await signInCookie(a, 'dk@example.org');
    const open: Array<Awaited<ReturnType<typeof openSocket>>> = [];
    for (let i = 0; i < COLLAB_LIMITS.maxConnectionsPerMemberPerDraft; i += 1)
      open.push(await openSocket(i % 2 === 0 ? a : b, draftId, cookie));
    await eventually(() => open.every((socket) => socket.messages.length > 0), 'every socket’s greeting');
    for (const server of [a, b]) {
      const refused = await openSocket(server, draftId, cookie);
      expect((await refused.closed).code).toBe(CLOSE_CODE.CONNECTIONS_HELD_ELSEWHERE);
    }
    open[0]!.ws.close();
    await open[0]!.closed;
    // The slot is given back as the socket closes (a moment later on the other process): then a socket fits again.
    expect(await greetedWithin(b, draftId, cookie, 5000)).toBe(true);
  });

  it('stops counting the sockets of a process killed -9 within seconds, so its members’ pages connect to the others', async () => {
    const database = await oneDatabase();
    const doomed = spawnServer({
      ...database.env,
      DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'coc-slots-')),
      SEED_PASSWORD: TEST_PASSWORD,
    });
    const doomedUrl = await doomed.ready;
    const survivor = await database.start();
    const doomedServer = { url: doomedUrl, port: Number(new URL(doomedUrl).port) } as TestServer;
    const draftId = await starterDraftId(survivor);
    const cookie = await signInCookie(survivor, 'au@example.org');
    const held: Array<Awaited<ReturnType<typeof openSocket>>> = [];
    for (let i = 0; i < COLLAB_LIMITS.maxConnectionsPerMemberPerDraft; i += 1) held.push(await openSocket(doomedServer, draftId, cookie));
    await eventually(() => held.every((socket) => socket.messages.length > 0), 'every socket’s greeting');
    const whileAlive = await openSocket(survivor, draftId, cookie);
    expect((await whileAlive.closed).code).toBe(CLOSE_CODE.CONNECTIONS_HELD_ELSEWHERE);

    doomed.child.kill('SIGKILL');
    await doomed.exited;
    const killedAt = Date.now();
    expect(await greetedWithin(survivor, draftId, cookie, 15_000)).toBe(true);
    // Within the liveness of a process (6 s) and a retry, not the minutes a stale count would take.
    expect(Date.now() - killedAt).toBeLessThan(12_000);
  });

  it(`refuses an event stream past ${MAX_EVENT_STREAMS_PER_MEMBER} spread over two processes; without Redis each process counts only its own`, async () => {
    const [a, b] = await twoProcesses();
    const cookie = await signInCookie(a, 'no@example.org');
    const streams: Array<Awaited<ReturnType<typeof openStream>>> = [];
    for (let i = 0; i < MAX_EVENT_STREAMS_PER_MEMBER; i += 1) streams.push(await openStream(i % 2 === 0 ? a : b, '/api/events', cookie));
    expect(streams.map((s) => s.status)).toEqual(Array(MAX_EVENT_STREAMS_PER_MEMBER).fill(200));
    const extra = await openStream(b, '/api/events', cookie);
    expect(extra.status).toBe(429);
    for (const stream of [...streams, extra]) stream.close();

    const [c, d] = await twoProcesses({ redis: false });
    const alone = await signInCookie(c, 'no@example.org');
    const each: Array<Awaited<ReturnType<typeof openStream>>> = [];
    for (let i = 0; i < MAX_EVENT_STREAMS_PER_MEMBER + 1; i += 1) each.push(await openStream(i % 2 === 0 ? c : d, '/api/events', alone));
    expect(each.every((s) => s.status === 200)).toBe(true);
    for (const stream of each) stream.close();
  });
});
