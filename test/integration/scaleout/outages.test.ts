import { spawn, type ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { eventually, openCollabClient, registerTeardown, signInCookie, starterDraftId } from '../../helpers/collabClient.js';
import { freePort } from '../../helpers/freePort.js';
import { freshDatabase, setDatabaseReachable } from '../../helpers/postgres.js';
import { openSavedTypist, type SavedTypist } from '../../helpers/savedTypist.js';
import { firstClauseWithText, REDIS_URL, wholeText } from '../../helpers/scaleOut.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';

/** A Redis server of the test's own on a free port, which the test can kill and start again. */
async function ownRedis(): Promise<{ url: string; stop(): Promise<void>; start(): Promise<void> }> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const started = child;
    registerTeardown(() => started.kill('SIGKILL'));
    for (let tries = 0; tries < 50; tries += 1) {
      if (await answers(port)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('redis-server did not start');
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const running = child!;
      running.kill('SIGKILL');
      await new Promise((resolve) => running.once('exit', resolve));
    },
    start,
  };
}

async function answers(port: number): Promise<boolean> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.end('PING\r\n');
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function typists(servers: TestServer[], draftId: string, clauseId: string): Promise<SavedTypist[]> {
  const emails = ['us@example.org', 'dk@example.org'];
  return Promise.all(
    servers.map(async (server, i) =>
      openSavedTypist(server, { draftId, cookie: await signInCookie(server, emails[i]!), clauseId, tag: `p${i}` }),
    ),
  );
}

describe('outages of Redis and PostgreSQL under two processes', () => {
  it('keeps saving while Redis is away for 10 s, keeps the processes in step through the database, and resumes delivery when it returns', async () => {
    const redis = await ownRedis();
    const databaseUrl = await freshDatabase();
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url };
    const [a, b] = await Promise.all([startTestServer({ env }), startTestServer({ env })]);
    const draftId = await starterDraftId(a);
    const reader = await openCollabClient(a, { draftId, cookie: await signInCookie(a, 'secretariat@example.org') });
    const [onA, onB] = await typists([a, b], draftId, firstClauseWithText(reader.doc));
    for (const typist of [onA!, onB!]) typist.start(100);

    await redis.stop();
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    // Saving never stopped: what each typed during the outage is saved, and the other process has it.
    const typedDuring = onA!.typed.length;
    await eventually(() => onA!.savedMarkers().length >= typedDuring - 2, 'A’s edits to be saved without Redis', 5000);
    const markerOfA = onA!.savedMarkers().at(-1)!;
    await eventually(() => wholeText(onB!.client.doc).includes(markerOfA), 'A’s edit to reach B through the database', 5000);

    await redis.start();
    for (const typist of [onA!, onB!]) typist.stop();
    await eventually(() => onA!.allSaved() && onB!.allSaved(), 'everything to be saved', 15_000);
    await eventually(() => wholeText(onA!.client.doc) === wholeText(onB!.client.doc), 'both processes’ clients to converge', 10_000);
    // Delivery through Redis is back: a new edit crosses at once.
    onA!.typeOne();
    const fresh = onA!.typed.at(-1)!.marker;
    await eventually(() => wholeText(onB!.client.doc).includes(fresh), 'a new edit to cross through Redis again', 3000);
    for (const marker of [...onA!.savedMarkers(), ...onB!.savedMarkers()]) {
      expect(wholeText(onA!.client.doc).split(marker).length - 1, marker).toBe(1);
    }
    const metrics = await (await fetch(`${b.url}/metrics`)).text();
    expect(metrics).toMatch(/^fanout_repaired_total [1-9]/m);
  }, 60_000);

  it('reports nothing saved while PostgreSQL is down, keeps the edits, and saves every one once it is back', async () => {
    const databaseUrl = await freshDatabase();
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: REDIS_URL };
    const [a, b] = await Promise.all([startTestServer({ env }), startTestServer({ env })]);
    const draftId = await starterDraftId(a);
    const reader = await openCollabClient(a, { draftId, cookie: await signInCookie(a, 'secretariat@example.org') });
    const [onA, onB] = await typists([a, b], draftId, firstClauseWithText(reader.doc));
    for (const typist of [onA!, onB!]) typist.typeOne();
    await eventually(() => onA!.allSaved() && onB!.allSaved(), 'the first edits to be saved', 5000);

    await setDatabaseReachable(databaseUrl, false);
    const savedBefore = [onA!.savedMarkers().length, onB!.savedMarkers().length];
    for (const typist of [onA!, onB!]) typist.start(100);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    // Nothing typed while the database is down is reported saved, and no socket was closed on it.
    expect([onA!.savedMarkers().length, onB!.savedMarkers().length]).toEqual(savedBefore);
    expect(onA!.client.closes).toEqual([]);
    expect(onB!.client.closes).toEqual([]);
    const ready = await fetch(`${a.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ checks: { database: 'down' } });

    for (const typist of [onA!, onB!]) typist.stop();
    await setDatabaseReachable(databaseUrl, true);
    await eventually(() => onA!.allSaved() && onB!.allSaved(), 'every edit to be saved once the database is back', 20_000);
    await eventually(() => wholeText(onA!.client.doc) === wholeText(onB!.client.doc), 'the two processes’ clients to converge', 10_000);
    // A fresh process loads the same text from the database: nothing was lost or doubled.
    const c = await startTestServer({ env });
    const fresh = await openCollabClient(c, { draftId, cookie: await signInCookie(c, 'secretariat@example.org') });
    expect(wholeText(fresh.doc)).toBe(wholeText(onA!.client.doc));
    for (const marker of [...onA!.typed, ...onB!.typed].map((t) => t.marker)) {
      expect(wholeText(fresh.doc).split(marker).length - 1, marker).toBe(1);
    }
  }, 60_000);
});
