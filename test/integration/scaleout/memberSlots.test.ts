import { describe, expect, it } from 'vitest';
import { MAX_EVENT_STREAMS_PER_MEMBER } from '../../../shared/api/events.js';
import { CLOSE_CODE } from '../../../shared/collab/closeCodes.js';
import { COLLAB_LIMITS } from '../../../shared/collab/limits.js';
import { eventually, openRawSocket, signInCookie, starterDraftId } from '../../helpers/collabClient.js';
import { freshDatabase } from '../../helpers/postgres.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

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

async function twoProcesses(withRedis: boolean): Promise<[TestServer, TestServer]> {
  const env = { DATABASE_URL: await freshDatabase(), ...(withRedis ? { REDIS_URL } : {}) };
  return Promise.all<[Promise<TestServer>, Promise<TestServer>]>([startTestServer({ env }), startTestServer({ env })]);
}

describe('a member’s caps count every process', () => {
  it(`refuses a socket past ${COLLAB_LIMITS.maxConnectionsPerMemberPerDraft} to one draft when the others are spread over two processes, and frees a slot when one closes`, async () => {
    const [a, b] = await twoProcesses(true);
    const draftId = await starterDraftId(a);
    const cookie = await signInCookie(a, 'dk@example.org');
    const open: Array<Awaited<ReturnType<typeof openSocket>>> = [];
    for (let i = 0; i < COLLAB_LIMITS.maxConnectionsPerMemberPerDraft; i += 1)
      open.push(await openSocket(i % 2 === 0 ? a : b, draftId, cookie));
    await eventually(() => open.every((socket) => socket.messages.length > 0), 'every socket’s greeting');
    for (const server of [a, b]) {
      const refused = await openSocket(server, draftId, cookie);
      expect((await refused.closed).code).toBe(CLOSE_CODE.TOO_MANY_CONNECTIONS);
    }
    open[0]!.ws.close();
    await open[0]!.closed;
    // The slot is given back as the socket closes (a moment later on the other process): then a socket fits again.
    let greeted = false;
    for (let tries = 0; !greeted && tries < 20; tries += 1) {
      const again = await openSocket(b, draftId, cookie);
      let closed = false;
      void again.closed.then(() => (closed = true));
      await eventually(() => again.messages.length > 0 || closed, 'the new socket to be answered');
      greeted = !closed && again.messages.length > 0;
      if (!greeted) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(greeted).toBe(true);
  });

  it(`refuses an event stream past ${MAX_EVENT_STREAMS_PER_MEMBER} spread over two processes; without Redis each process counts only its own`, async () => {
    const [a, b] = await twoProcesses(true);
    const cookie = await signInCookie(a, 'no@example.org');
    const streams: Array<Awaited<ReturnType<typeof openStream>>> = [];
    for (let i = 0; i < MAX_EVENT_STREAMS_PER_MEMBER; i += 1) streams.push(await openStream(i % 2 === 0 ? a : b, '/api/events', cookie));
    expect(streams.map((s) => s.status)).toEqual(Array(MAX_EVENT_STREAMS_PER_MEMBER).fill(200));
    const extra = await openStream(b, '/api/events', cookie);
    expect(extra.status).toBe(429);
    for (const stream of [...streams, extra]) stream.close();

    const [c, d] = await twoProcesses(false);
    const alone = await signInCookie(c, 'no@example.org');
    const each: Array<Awaited<ReturnType<typeof openStream>>> = [];
    for (let i = 0; i < MAX_EVENT_STREAMS_PER_MEMBER + 1; i += 1) each.push(await openStream(i % 2 === 0 ? c : d, '/api/events', alone));
    expect(each.every((s) => s.status === 200)).toBe(true);
    for (const stream of each) stream.close();
  });
});
