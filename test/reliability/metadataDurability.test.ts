import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { METADATA_FILE } from '../../server/storage/metadata/LowdbMetadata.js';
import type { MetadataFile as Metadata } from '../../server/storage/metadata/metadataFile.js';
import { sha256Hex } from '../../server/storage/sha256Hex.js';
import { openCollabClient } from '../helpers/collabClient.js';
import { ApiClient } from '../helpers/http.js';
import { reportFigure } from '../helpers/reportFigure.js';
import { restartableServer, type RestartableServer } from '../helpers/restartableServer.js';
import { seeded } from '../helpers/seeded.js';
import { spawnServer } from '../helpers/spawnServer.js';
import { readStoredMetadata, readStoredVersionSnapshot } from '../helpers/storedMetadata.js';
import { TEST_PASSWORD } from '../helpers/testServer.js';
import { testStore } from '../helpers/testStore.js';

const SEED = 20261214;
const TRIALS = 15;
/** Concurrent request loops during each trial: comment writers and version writers, in several roles. */
const COMMENT_WRITERS = 9;
const VERSION_WRITERS = 3;

/** One record a writer created, every value it sent for it (in order), and how many of those were acknowledged. */
interface Written {
  kind: 'comment' | 'version';
  id: string;
  values: string[];
  acked: number;
}

let server: RestartableServer;
let draftId: string;
let clauseIds: string[];
const clients = new Map<string, ApiClient>();
const random = seeded(SEED);

beforeAll(async () => {
  server = await restartableServer();
  await server.start();
  for (const email of [
    'secretariat@example.org',
    'us@example.org',
    'au@example.org',
    'dk@example.org',
    'no@example.org',
    'reviewer@example.org',
  ]) {
    clients.set(email, await new ApiClient(server.target.url).signIn(email, TEST_PASSWORD));
  }
  const secretariat = clients.get('secretariat@example.org')!;
  draftId = (await secretariat.get('/api/drafts')).body[0].id;
  const reader = await openCollabClient(server.target, { draftId, cookie: secretariat.cookie! });
  clauseIds = readOrderedClauses(reader.doc)
    .filter((c) => c.kind === 'operative')
    .map((c) => c.id);
  reader.destroy();
});

afterAll(() => server?.dispose());

/**
 * Writes until `stopped()`: creates a record, then alternately edits it and creates the next one. A write
 * counts as acknowledged only when its 2xx answer arrived; errors (the server is gone) are not.
 */
async function writeLoop(
  api: ApiClient,
  kind: 'comment' | 'version',
  tag: string,
  stopped: () => boolean,
  written: Written[],
): Promise<void> {
  let n = 0;
  let current: Written | null = null;
  while (!stopped()) {
    const value = `${tag}-${n++}`;
    try {
      if (!current || n % 3 === 0) {
        const res =
          kind === 'comment'
            ? await api.post(`/api/drafts/${draftId}/comments`, { clauseId: clauseIds[n % clauseIds.length], body: value })
            : await api.post(`/api/drafts/${draftId}/versions`, { label: value });
        if (res.status >= 300) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
        current = { kind, id: res.body.id, values: [value], acked: 1 };
        written.push(current);
      } else {
        const target: Written = current;
        target.values.push(value);
        const res =
          kind === 'comment'
            ? await api.patch(`/api/drafts/${draftId}/comments/${target.id}`, { body: value })
            : await api.patch(`/api/drafts/${draftId}/versions/${target.id}`, { label: value });
        if (res.status >= 300) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
        target.acked = target.values.length;
      }
    } catch (error) {
      if (!stopped()) throw error;
    }
  }
}

/** What the metadata is kept in, for test names and figures: a file that must parse, or PostgreSQL's tables. */
const KEPT =
  testStore() === 'postgres'
    ? { where: 'in the database', read: 'every record read back from PostgreSQL every time' }
    : { where: 'in a file that always parses', read: 'metadata.json parsed every time' };

describe('metadata durability', () => {
  it(`keeps every acknowledged comment and version, ${KEPT.where}, across ${TRIALS} kills during concurrent writes`, async () => {
    const emails = [...clients.keys()];
    const drafters = emails.filter((e) => e !== 'reviewer@example.org');
    let ackedTotal = 0;
    let inFlightWritten = 0;
    const all: Written[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const runMs = 150 + Math.floor(random() * 750);
      const context = `trial ${trial} (seed ${SEED}, killed after ${runMs} ms)`;
      let stopped = false;
      const written: Written[] = [];
      const loops = [
        ...Array.from({ length: COMMENT_WRITERS }, (_, i) =>
          writeLoop(clients.get(emails[i % emails.length]!)!, 'comment', `t${trial}c${i}`, () => stopped, written),
        ),
        ...Array.from({ length: VERSION_WRITERS }, (_, i) =>
          writeLoop(clients.get(drafters[i % drafters.length]!)!, 'version', `t${trial}v${i}`, () => stopped, written),
        ),
      ];
      await new Promise((resolve) => setTimeout(resolve, runMs));
      stopped = true;
      await server.stop('SIGKILL');
      await Promise.all(loops);

      // What a restart would read: metadata.json must parse; PostgreSQL holds what was committed.
      const data = await readStoredMetadata(server);
      const acked = written.reduce((n, w) => n + w.acked, 0);
      expect(acked, `${context}: some writes were acknowledged`).toBeGreaterThan(0);
      ackedTotal += acked;
      for (const w of written) {
        const record = w.kind === 'comment' ? data.comments.find((c) => c.id === w.id) : data.versions.find((v) => v.id === w.id);
        expect(record, `${context}: acknowledged ${w.kind} ${w.values[0]} is missing`).toBeDefined();
        const stored =
          w.kind === 'comment' ? (record as Metadata['comments'][number]).body : (record as Metadata['versions'][number]).label;
        // The last acknowledged value, or one sent after it whose answer the kill cut off.
        const index = w.values.indexOf(stored ?? '');
        expect(
          index,
          `${context}: ${w.kind} ${w.id} holds ${stored}, sent ${w.values.join(', ')}, acknowledged ${w.acked}`,
        ).toBeGreaterThanOrEqual(w.acked - 1);
        if (index >= w.acked) inFlightWritten += 1;
        if (w.kind === 'version') {
          const version = record as Metadata['versions'][number];
          const bytes = await readStoredVersionSnapshot(server, draftId, w.id);
          expect(bytes, `${context}: snapshot of version ${w.id} is missing`).not.toBeNull();
          expect(sha256Hex(bytes!), `${context}: snapshot of version ${w.id}`).toBe(version.snapshotSha256);
        }
      }
      all.push(...written);
      await server.start();
    }

    // After the last restart the API serves every acknowledged record, and every version opens.
    const api = clients.get('reviewer@example.org')!;
    const comments = new Map(((await api.get(`/api/drafts/${draftId}/comments`)).body as Array<{ id: string }>).map((c) => [c.id, c]));
    for (const w of all.filter((x) => x.kind === 'comment')) expect(comments.has(w.id), w.values[0]).toBe(true);
    for (const w of all.filter((x) => x.kind === 'version'))
      expect((await api.get(`/api/drafts/${draftId}/versions/${w.id}`)).status, w.values[0]).toBe(200);
    reportFigure(
      'kill -9 during concurrent comment and version writes',
      `${TRIALS} trials, ${ackedTotal} acknowledged writes, 0 missing, ${KEPT.read} (${inFlightWritten} unacknowledged in-flight writes also landed)`,
    );
  }, 120_000);

  if (testStore() === 'embedded') {
    it('refuses to start a second server process on the same DATA_DIR, and the first one keeps serving', async () => {
      const before = await readFile(path.join(server.dataDir, METADATA_FILE));
      const second = spawnServer({ DATA_DIR: server.dataDir, SEED_PASSWORD: TEST_PASSWORD });
      const exit = await second.exited;
      expect(exit.code, second.output()).not.toBe(0);
      expect(second.output()).toContain(`is in use by another process (pid ${server.current.child.pid})`);
      expect(second.output()).not.toContain('Listening on');
      expect(await readFile(path.join(server.dataDir, METADATA_FILE))).toEqual(before);
      expect((await clients.get('us@example.org')!.get('/api/me')).status).toBe(200);
      reportFigure('second server process on the same DATA_DIR', `refused, exit code ${exit.code}`);
    }, 30_000);
  } else {
    // PostgreSQL is made for several processes: the analogue is that a second one runs fine and shares everything.
    it('lets a second server process run on the same database, serving the same workspace, and the first one keeps serving', async () => {
      const before = await readStoredMetadata(server);
      const second = spawnServer({ DATA_DIR: server.dataDir, DATABASE_URL: server.databaseUrl!, SEED_PASSWORD: TEST_PASSWORD });
      const secondUrl = await second.ready;
      const onSecond = await new ApiClient(secondUrl).signIn('au@example.org', TEST_PASSWORD);
      const onFirst = clients.get('us@example.org')!;
      // The same workspace on both: drafts and comments, and a session opened on one is valid on the other.
      expect((await onSecond.get('/api/drafts')).body).toEqual((await onFirst.get('/api/drafts')).body);
      const comments = async (api: ApiClient) =>
        ((await api.get(`/api/drafts/${draftId}/comments`)).body as Array<{ id: string }>).map((c) => c.id);
      expect(await comments(onSecond)).toEqual(await comments(onFirst));
      const sessionOnFirst = new ApiClient(server.target.url);
      sessionOnFirst.cookie = onSecond.cookie;
      expect((await sessionOnFirst.get('/api/me')).status).toBe(200);
      // A write through the second is read through the first.
      const posted = await onSecond.post(`/api/drafts/${draftId}/comments`, {
        clauseId: clauseIds[0],
        body: 'Written through the second process',
      });
      expect(posted.status, JSON.stringify(posted.body)).toBe(201);
      expect(await comments(onFirst)).toContain(posted.body.id);
      // Starting did not seed the workspace again.
      const after = await readStoredMetadata(server);
      expect({ users: after.users, delegations: after.delegations, drafts: after.drafts }).toEqual({
        users: before.users,
        delegations: before.delegations,
        drafts: before.drafts,
      });
      second.child.kill('SIGTERM');
      const exit = await second.exited;
      expect(exit.code, second.output()).toBe(0);
      expect((await onFirst.get('/api/me')).status).toBe(200);
      reportFigure(
        'second server process on the same database',
        `started and served the same workspace (drafts, comments, sessions), seeded nothing again, exit code ${exit.code} on SIGTERM; the first kept serving`,
      );
    }, 30_000);
  }
});
