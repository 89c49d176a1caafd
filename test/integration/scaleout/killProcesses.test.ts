import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { eventually, openCollabClient, signInCookie, starterDraftId } from '../../helpers/collabClient.js';
import { openSavedTypist, type SavedTypist } from '../../helpers/savedTypist.js';
import { oneDatabase, wholeText } from '../../helpers/scaleOut.js';
import { seeded } from '../../helpers/seeded.js';
import { spawnServer, type SpawnedServer } from '../../helpers/spawnServer.js';
import { tcpBalancer } from '../../helpers/tcpBalancer.js';
import { TEST_PASSWORD, type TestServer } from '../../helpers/testServer.js';

const SEED = 20261207;
const KILLS = 10;
const TYPISTS = 30;
const MEMBERS = ['secretariat@example.org', 'us@example.org', 'dk@example.org', 'no@example.org', 'au@example.org'];

interface Running {
  server: SpawnedServer;
  port: number;
}

/**
 * Signs in, waiting out a 429 the way a person would (Retry-After): on a loaded CI machine one run saw a
 * sign-in from 127.0.0.1 answered 429 at the start of this test (not understood yet; see the closing note).
 */
async function signInPatiently(target: TestServer, email: string): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await signInCookie(target, email);
    } catch (error) {
      if (attempt >= 6 || !String(error).includes('429')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1100 * attempt));
    }
  }
}

function occurrences(text: string, marker: string): number {
  return text.split(marker).length - 1;
}

describe('three processes on PostgreSQL and Redis, one killed -9 at a time', () => {
  it('keeps every edit reported saved exactly once, and every client converges, over ten seeded kills', async () => {
    const random = seeded(SEED);
    const database = await oneDatabase();
    const start = async (): Promise<Running> => {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'coc-kill-'));
      const server = spawnServer({ ...database.env, DATA_DIR: dataDir, SEED_PASSWORD: TEST_PASSWORD });
      const base = await server.ready;
      return { server, port: Number(new URL(base).port) };
    };
    const balancer = await tcpBalancer();
    const live = await Promise.all([start(), start(), start()]);
    balancer.setBackends(live.map((p) => p.port));
    const target = { port: balancer.port, url: `http://127.0.0.1:${balancer.port}` } as TestServer;

    const draftId = await starterDraftId(target);
    const cookies: string[] = [];
    for (const email of MEMBERS) cookies.push(await signInPatiently(target, email));
    const reader = await openCollabClient(target, { draftId, cookie: cookies[0]! });
    const clauses = readOrderedClauses(reader.doc)
      .filter((c) => {
        const first = c.body.get(0);
        return first instanceof Y.XmlElement && first.get(0) instanceof Y.XmlText && (first.get(0) as Y.XmlText).length > 0;
      })
      .map((c) => c.id);
    reader.destroy();
    expect(clauses.length).toBeGreaterThan(2);

    const typists: SavedTypist[] = [];
    for (let i = 0; i < TYPISTS; i += 1) {
      typists.push(
        await openSavedTypist(target, {
          draftId,
          cookie: cookies[i % MEMBERS.length]!,
          clauseId: clauses[i % clauses.length]!,
          tag: `k${i}`,
        }),
      );
    }
    for (const typist of typists) typist.start(120);

    const kills: string[] = [];
    for (let kill = 0; kill < KILLS; kill += 1) {
      await new Promise((resolve) => setTimeout(resolve, 600 + Math.floor(random() * 900)));
      const index = Math.floor(random() * live.length);
      const victim = live[index]!;
      balancer.setBackends(live.filter((p) => p !== victim).map((p) => p.port));
      const savedBefore = typists.reduce((sum, t) => sum + t.savedMarkers().length, 0);
      victim.server.child.kill('SIGKILL');
      await victim.server.exited;
      kills.push(`#${kill} process ${index} after ${savedBefore} saved`);
      live[index] = await start();
      balancer.setBackends(live.map((p) => p.port));
    }
    for (const typist of typists) typist.stop();

    await eventually(() => typists.every((t) => t.allSaved()), 'every typist’s edits to be reported saved after the kills', 60_000);
    const fresh = await openCollabClient(target, { draftId, cookie: cookies[1]! });
    const text = wholeText(fresh.doc);
    const context = `seed ${SEED}; kills: ${kills.join(', ')}`;
    let saved = 0;
    for (const typist of typists) {
      for (const marker of typist.savedMarkers()) {
        saved += 1;
        expect(occurrences(text, marker), `${marker} (${context})`).toBe(1);
      }
    }
    expect(saved).toBeGreaterThan(TYPISTS * 10);
    // Every client converges on the same text.
    await eventually(() => typists.every((t) => wholeText(t.client.doc) === text), 'every client to converge', 20_000);
    fresh.destroy();
    for (const typist of typists) typist.client.destroy();
    console.info(
      `[kill -9 ×${KILLS}] ${saved} saved edits of ${TYPISTS} clients, each present once; ${balancer.relayed} connections relayed`,
    );
  }, 180_000);
});
