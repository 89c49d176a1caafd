import { existsSync, watch } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODE } from '../../shared/collab/closeCodes.js';
import { trackSaved } from '../../shared/collab/trackSaved.js';
import { addClause } from '../../shared/doc/addClause.js';
import { readParagraphs } from '../../shared/doc/clauseBody.js';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { draftPaths } from '../../server/storage/DraftPaths.js';
import { COMPACTION_LOCK_CLASS, compactionLockKey } from '../../server/storage/postgres/draftLogSql.js';
import { eventually, openCollabClient, openRawSocket } from '../helpers/collabClient.js';
import { editUnder, forgeUpdate, updateMessage } from '../helpers/forgedUpdates.js';
import { ApiClient } from '../helpers/http.js';
import { markerCounts } from '../helpers/markerCounts.js';
import { reportFigure } from '../helpers/reportFigure.js';
import { restartableServer, type RestartableServer } from '../helpers/restartableServer.js';
import { openSavedTypist, type SavedTypist } from '../helpers/savedTypist.js';
import { seeded } from '../helpers/seeded.js';
import { readStoredDraft, readStoredDraftNow } from '../helpers/storedDraft.js';
import { TEST_PASSWORD } from '../helpers/testServer.js';
import { testStore } from '../helpers/testStore.js';

const SEED = 20261207;
const CLIENTS = 20;
const KILL_TRIALS = 10;
const TERM_TRIALS = 2;
const SNAPSHOT_TRIALS = 4;
/** Each client types a marker this often: 20 clients make 400 edits a second between them. */
const TYPING_PERIOD_MS = 50;
const EDITORS = ['secretariat@example.org', 'us@example.org', 'au@example.org', 'dk@example.org', 'no@example.org'];

const fullText = (doc: Y.Doc) =>
  readOrderedClauses(doc)
    .flatMap((c) => readParagraphs(c.body))
    .join('\n');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Where the store keeps what it saved, for messages and figures. */
const STORED = testStore() === 'postgres' ? 'in the database' : 'on disk';

let server: RestartableServer;
let cookies: string[];
const random = seeded(SEED);

/**
 * A delegate attacking the others while they type: every 50 ms a fresh raw socket sends one forged update,
 * in turn a GC range of a million clocks just past a typist's clock, the typist's next characters written
 * under its client id, or its own client id past its clock. Counts the refusals (4400) it gets.
 */
function startHostileDelegate(cookie: string, draftId: string, victims: SavedTypist[]): { stop(): Promise<number> } {
  let refused = 0;
  let stopped = false;
  const run = async () => {
    for (let n = 0; !stopped; n++) {
      const socket = openRawSocket(server.target, `/collab/${draftId}`, { cookie });
      try {
        await socket.opened;
        await eventually(() => socket.messages.length > 0 || stopped, 'the greeting', 2000);
        const victim = victims[n % victims.length]!.client.doc;
        const clock = Y.getState(victim.store, victim.clientID);
        const forged = [
          () => forgeUpdate([{ client: victim.clientID, clock: clock + 3, structs: [{ kind: 'gc', length: 1_000_000 }] }]),
          () => editUnder(victim, victim.clientID, (doc) => doc.getMap('meta').set('forged', n)),
          () => forgeUpdate([{ client: 900_000 + n, clock: 7, structs: [{ kind: 'text', text: 'gap' }] }]),
        ][n % 3]!();
        socket.ws.send(updateMessage(forged));
        const { code } = await Promise.race([socket.closed, sleep(2000).then(() => ({ code: 0 }))]);
        if (code === CLOSE_CODE.MALFORMED_MESSAGE) refused += 1;
      } catch {
        // the server is down between a kill and its restart
      }
      socket.ws.terminate();
      await sleep(50);
    }
  };
  const running = run();
  return {
    async stop() {
      stopped = true;
      await running;
      return refused;
    },
  };
}

/** Adds `count` operative clauses (one text run each) through a collab client and waits until they are saved. */
async function addTypingClauses(draftId: string, cookie: string, count: number, heading: string): Promise<string[]> {
  const setup = await openCollabClient(server.target, { draftId, cookie });
  const tracker = trackSaved(setup.provider, () => {});
  const ids = Array.from({ length: count }, (_, i) =>
    addClause(setup.doc, { kind: 'operative', heading: `${heading} ${i}`, paragraphs: ['Start.'] }),
  );
  await eventually(() => tracker.saved, 'the new clauses to be saved', 10_000);
  tracker.destroy();
  setup.destroy();
  return ids;
}

/** Waits until every typist is connected, synced and has everything it typed reported saved; returns how long that took (ms). */
async function waitAllSaved(typists: SavedTypist[], what: string): Promise<number> {
  const started = performance.now();
  await eventually(
    () => typists.every((t) => t.client.provider.wsconnected && t.client.provider.synced && t.allSaved()),
    `${what}: every client reconnected, resynced and saved`,
    20_000,
  );
  return performance.now() - started;
}

/** Waits until every typist shows the same text; returns it. */
async function waitConverged(typists: SavedTypist[], what: string): Promise<string> {
  await eventually(
    () => new Set(typists.map((t) => fullText(t.client.doc))).size === 1,
    `${what}: every client shows the same text`,
    20_000,
  );
  return fullText(typists[0]!.client.doc);
}

/** Every marker typed by any typist appears exactly once in `text`, and nothing else marker-shaped appears twice. */
function expectEachTypedOnce(typists: SavedTypist[], text: string, context: string): void {
  const counts = markerCounts(text);
  const typed = typists.flatMap((t) => t.typed.map((m) => m.marker));
  expect(
    typed.filter((m) => counts.get(m) !== 1),
    `${context}: typed markers missing or duplicated`,
  ).toEqual([]);
  expect(
    [...counts].filter(([, n]) => n > 1),
    `${context}: duplicated markers`,
  ).toEqual([]);
}

beforeAll(async () => {
  server = await restartableServer();
  await server.start();
  cookies = await Promise.all(EDITORS.map(async (email) => (await new ApiClient(server.target.url).signIn(email, TEST_PASSWORD)).cookie!));
});

afterAll(() => server?.dispose());

describe('durability of the draft text across crashes and restarts', () => {
  let draftId: string;
  let typists: SavedTypist[];

  beforeAll(async () => {
    const api = new ApiClient(server.target.url);
    api.cookie = cookies[0];
    draftId = (await api.get('/api/drafts')).body[0].id;
    const clauseIds = await addTypingClauses(draftId, cookies[0]!, CLIENTS, 'Durability');
    typists = await Promise.all(
      clauseIds.map((clauseId, i) =>
        openSavedTypist(server.target, { draftId, cookie: cookies[i % cookies.length]!, clauseId, tag: `c${i}` }),
      ),
    );
  });

  it(`loses nothing reported saved and duplicates nothing when the server is killed with SIGKILL at a seeded random moment (${KILL_TRIALS} trials, ${CLIENTS} clients typing, a hostile delegate forging updates)`, async () => {
    const clausesBefore = readOrderedClauses(typists[0]!.client.doc).length;
    let worstUnsavedAgeMs = 0;
    let worstUnsavedCount = 0;
    let savedChecks = 0;
    const restarts: number[] = [];
    const resyncs: number[] = [];
    let forgeriesRefused = 0;
    for (let trial = 0; trial < KILL_TRIALS; trial++) {
      const runMs = 300 + Math.floor(random() * 1200);
      const context = `trial ${trial} (seed ${SEED}, killed after ${runMs} ms)`;
      for (const t of typists) t.start(TYPING_PERIOD_MS);
      const hostile = startHostileDelegate(cookies[3]!, draftId, typists);
      await sleep(runMs);
      const killedAt = performance.now();
      const exit = await server.stop('SIGKILL');
      for (const t of typists) t.stop();
      forgeriesRefused += await hostile.stop();
      expect(exit.signal, context).toBe('SIGKILL');

      const saved = typists.flatMap((t) => t.savedMarkers());
      const unsaved = typists.flatMap((t) => t.unsavedMarkers());
      expect(saved.length, `${context}: edits were reported saved before the kill`).toBeGreaterThan(0);
      savedChecks += saved.length;
      worstUnsavedCount = Math.max(worstUnsavedCount, unsaved.length);
      worstUnsavedAgeMs = Math.max(worstUnsavedAgeMs, ...unsaved.map((m) => killedAt - m.at));

      // What a restart would load: every saved marker exactly once, nothing twice, no clause lost or re-seeded.
      const onDisk = await readStoredDraft(server, draftId);
      const counts = markerCounts(fullText(onDisk));
      expect(
        saved.filter((m) => counts.get(m) !== 1),
        `${context}: saved markers not exactly once ${STORED}`,
      ).toEqual([]);
      expect(
        [...counts].filter(([, n]) => n > 1),
        `${context}: duplicated ${STORED}`,
      ).toEqual([]);
      expect(readOrderedClauses(onDisk).length, context).toBe(clausesBefore);
      for (const t of typists)
        expect(Y.getState(onDisk.store, t.client.doc.clientID), `${context}: stored document older than saved`).toBeGreaterThanOrEqual(
          t.savedClock,
        );

      // Restart on the same port: clients reconnect, send what was not saved, and everyone converges.
      restarts.push(await server.start());
      resyncs.push(await waitAllSaved(typists, context));
      const text = await waitConverged(typists, context);
      expectEachTypedOnce(typists, text, context);
      expect(fullText(await readStoredDraftNow(server, draftId)), `${context}: the stored document differs from the clients'`).toBe(text);
    }
    for (const t of typists)
      expect(
        t.client.closes.every((c) => c.code === 1006),
        'only abnormal closes (the kills), no refusals',
      ).toBe(true);
    expect(forgeriesRefused).toBeGreaterThan(KILL_TRIALS);
    const typedTotal = typists.reduce((n, t) => n + t.typed.length, 0);
    reportFigure(
      'kill -9 trials with 20 typing clients and a hostile delegate',
      `${KILL_TRIALS} trials, ${typedTotal} edits typed, ${savedChecks} reported-saved edits checked ${STORED} after the kills: 0 lost, 0 duplicated; ${forgeriesRefused} forged updates refused with 4400`,
    );
    reportFigure('kill -9: most edits typed but not yet reported saved at a kill (resent by their clients)', worstUnsavedCount);
    reportFigure('kill -9: oldest edit not yet reported saved at a kill (ms)', Math.round(worstUnsavedAgeMs));
    reportFigure('kill -9: restart until listening, worst (ms)', Math.round(Math.max(...restarts)));
    reportFigure('kill -9: restart until all 20 clients resynced and saved, worst (ms)', Math.round(Math.max(...resyncs)));
  }, 120_000);

  it(`keeps everything it accepted and exits with code 0 within 5 s on SIGTERM while ${CLIENTS} clients type (${TERM_TRIALS} trials)`, async () => {
    let worstExitMs = 0;
    for (let trial = 0; trial < TERM_TRIALS; trial++) {
      const context = `SIGTERM trial ${trial} (seed ${SEED})`;
      const closesBefore = typists.map((t) => t.client.closes.length);
      for (const t of typists) t.start(TYPING_PERIOD_MS);
      await sleep(300 + Math.floor(random() * 700));
      for (const t of typists) t.stop();
      const exit = await server.stop('SIGTERM');
      expect(exit.code, `${context}: ${server.current.output().slice(-500)}`).toBe(0);
      expect(exit.ms, context).toBeLessThan(5000);
      worstExitMs = Math.max(worstExitMs, exit.ms);
      // The server closed every socket with SHUTTING_DOWN (transient: the clients reconnect).
      typists.forEach((t, i) =>
        expect(
          t.client.closes.slice(closesBefore[i]).map((c) => c.code),
          context,
        ).toContain(CLOSE_CODE.SHUTTING_DOWN),
      );

      // Accepted = reported saved, or forwarded by the server to another client: all of it must be on disk.
      const accepted = new Set(typists.flatMap((t) => t.savedMarkers()));
      typists.forEach((t, i) => {
        for (const marker of markerCounts(fullText(t.client.doc)).keys()) if (!marker.startsWith(`[c${i}-`)) accepted.add(marker);
      });
      const counts = markerCounts(fullText(await readStoredDraft(server, draftId)));
      expect(
        [...accepted].filter((m) => counts.get(m) !== 1),
        `${context}: accepted markers not exactly once ${STORED}`,
      ).toEqual([]);
      reportFigure(`SIGTERM trial ${trial}: markers accepted before the signal, all ${STORED}`, accepted.size);

      await server.start();
      await waitAllSaved(typists, context);
      expectEachTypedOnce(typists, await waitConverged(typists, context), context);
    }
    reportFigure('SIGTERM: slowest clean exit (ms)', Math.round(worstExitMs));
  }, 60_000);
});

/** A kill timed on a compaction of one draft: `killed` resolves once the server was sent SIGKILL. */
interface CompactionKill {
  killed: Promise<void>;
  /** Whether the kill landed while the compaction was still being written (asked once the server has exited). */
  landedDuringWrite(): boolean;
}

/**
 * Kills the server `delayMs` after its compaction #`skip + 1` of the draft began. Embedded store: as soon as
 * the temporary snapshot file appears; it landed during the write when that file is still there after the
 * exit. PostgreSQL: as soon as the draft's compaction lock (a transaction-scoped advisory lock held by the
 * compaction's transaction) is seen taken, polling pg_locks on a connection of the test's own; it landed
 * during the write when the lock was still held just before the kill.
 */
function killDuringCompaction(draftId: string, skip: number, delayMs: number): CompactionKill {
  return server.databaseUrl
    ? killDuringPgCompaction(server.databaseUrl, draftId, skip, delayMs)
    : killDuringFileCompaction(draftId, skip, delayMs);
}

function killDuringFileCompaction(draftId: string, skip: number, delayMs: number): CompactionKill {
  const paths = draftPaths(server.dataDir, draftId);
  let seen = 0;
  const killed = new Promise<void>((resolve) => {
    const watcher = watch(paths.dir, (_event, name) => {
      if (name !== 'snapshot.bin.tmp' || !existsSync(paths.snapshotTmp) || seen++ < skip) return;
      watcher.close();
      setTimeout(() => {
        server.current.child.kill('SIGKILL');
        resolve();
      }, delayMs);
    });
  });
  return { killed, landedDuringWrite: () => existsSync(paths.snapshotTmp) };
}

/** Whether a transaction of this database holds the compaction lock of draft $3 (two-key advisory locks show objsubid 2). */
const COMPACTION_LOCK_HELD = `
  SELECT EXISTS (
    SELECT 1 FROM pg_locks
     WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = $1 AND objid = $2
       AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
  ) AS held`;

function killDuringPgCompaction(databaseUrl: string, draftId: string, skip: number, delayMs: number): CompactionKill {
  let openAtKill = false;
  const killed = (async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    // pg_locks shows the second key as an oid: the unsigned reading of the same 32 bits.
    const key = [COMPACTION_LOCK_CLASS, compactionLockKey(draftId) >>> 0];
    const held = async () => (await client.query<{ held: boolean }>(COMPACTION_LOCK_HELD, key)).rows[0]!.held;
    try {
      const deadline = performance.now() + 20_000;
      let seen = 0;
      let before = false;
      for (;;) {
        if (performance.now() > deadline) throw new Error('no compaction was seen within 20 s');
        const now = await held();
        if (now && !before && seen++ >= skip) break;
        before = now;
      }
      await sleep(delayMs);
      openAtKill = await held();
      server.current.child.kill('SIGKILL');
    } finally {
      await client.end();
    }
  })();
  return { killed, landedDuringWrite: () => openAtKill };
}

/** What the compaction writes on each store, for test names, messages and figures. */
const COMPACTION_WRITE =
  testStore() === 'postgres'
    ? { what: 'compaction transaction', timedOn: 'the compaction transaction', landed: 'the compaction transaction still open at the kill' }
    : { what: 'snapshot write', timedOn: 'the snapshot file', landed: 'the temporary snapshot still on disk' };

describe('a crash while a snapshot is being written', () => {
  it(`never leaves a blank or older-than-saved document (${SNAPSHOT_TRIALS} kills timed on ${COMPACTION_WRITE.timedOn})`, async () => {
    const api = new ApiClient(server.target.url);
    api.cookie = cookies[0];
    const draftId = (await api.post('/api/drafts', { title: 'Compaction under fire', template: 'blank' })).body.id as string;
    const clauseIds = await addTypingClauses(draftId, cookies[0]!, 2, 'Bulk');
    // 32 KiB after each marker: the log passes the 1 MiB compaction threshold about twice a second.
    const filler = ` ${'negotiated text '.repeat(2048)}`;
    const typists = await Promise.all(
      clauseIds.map((clauseId, i) => openSavedTypist(server.target, { draftId, cookie: cookies[i + 1]!, clauseId, tag: `s${i}`, filler })),
    );
    let duringWrite = 0;
    for (let trial = 0; trial < SNAPSHOT_TRIALS; trial++) {
      const skip = Math.floor(random() * 3);
      const delayMs = [0, 0, 1, 3, 8][Math.floor(random() * 5)]!;
      const context = `snapshot trial ${trial} (seed ${SEED}: kill at ${COMPACTION_WRITE.what} #${skip + 1}, ${delayMs} ms after it began)`;
      // Kill as soon as the compaction has begun, after a seeded delay.
      const { killed, landedDuringWrite } = killDuringCompaction(draftId, skip, delayMs);
      for (const t of typists) t.start(40);
      await Promise.race([killed, sleep(20_000).then(() => Promise.reject(new Error(`${context}: no compaction began within 20 s`)))]);
      await server.current.exited;
      for (const t of typists) t.stop();
      if (landedDuringWrite()) duringWrite += 1;

      const onDisk = await readStoredDraft(server, draftId);
      const counts = markerCounts(fullText(onDisk));
      const saved = typists.flatMap((t) => t.savedMarkers());
      expect(saved.length, context).toBeGreaterThan(0);
      expect(
        readOrderedClauses(onDisk).map((c) => c.id),
        `${context}: blank document`,
      ).toEqual(clauseIds);
      expect(
        saved.filter((m) => counts.get(m) !== 1),
        `${context}: saved markers not exactly once ${STORED}`,
      ).toEqual([]);
      for (const t of typists)
        expect(Y.getState(onDisk.store, t.client.doc.clientID), `${context}: older than saved`).toBeGreaterThanOrEqual(t.savedClock);

      await server.start();
      await waitAllSaved(typists, context);
      expectEachTypedOnce(typists, await waitConverged(typists, context), context);
    }
    const size = fullText(typists[0]!.client.doc).length;
    reportFigure(
      'kill -9 during compaction',
      `${SNAPSHOT_TRIALS} trials, ${duringWrite} with ${COMPACTION_WRITE.landed}, document of ${(size / 1e6).toFixed(1)} MB at the end, 0 blank, 0 older than saved`,
    );
    expect(duringWrite, `at least one kill landed while the ${COMPACTION_WRITE.what} was under way`).toBeGreaterThan(0);
  }, 90_000);
});
