import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { extraDelegateCookies } from '../helpers/extraDelegates.js';
import { ApiClient } from '../helpers/http.js';
import type { RunningTarget, ServerStats, StartOptions } from './benchTargets.js';
import { BENCH_REDIS_URL, createBenchDatabase, type BenchDatabase } from './benchServices.js';
import { freePort, spawnLogged, stopProcess, waitForPort, type Spawned } from './childProcesses.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Password of the seeded demo accounts in the benchmark's throw-away data folder. */
const BENCH_PASSWORD = 'bench password, not a secret';
/** How often the server prints its store counters ([stats] lines, STATS_LOG_SECONDS). */
const STATS_EVERY_S = 0.25;
const DRAFT_ALIASES = path.join(import.meta.dirname, 'loadgen', 'registerDraftAliases.mjs');
/**
 * Delegates whose sessions the generator's sockets take in turn: the server allows a member 8 sockets to
 * one draft and 24 in all (shared/collab/limits.ts), and the largest scenario opens 500 sockets (S2).
 */
const BENCH_MEMBERS = 64;

/**
 * Where our server keeps drafts in a run: 'file' the durable FileDocumentStore (fsync on every group commit),
 * 'memory' MemoryDocumentStore (memoryStoreServer.ts), 'postgres' one process on a new PostgreSQL database,
 * 'postgres-redis' two processes on a new database and Redis.
 */
export type OurStore = 'file' | 'memory' | 'postgres' | 'postgres-redis';

/**
 * Our real server as `npm run serve` runs it (server/index.ts, NODE_ENV=production) in child processes,
 * with a fresh DATA_DIR (or a fresh database, see OurStore) and real sign-in: the secretariat creates `docs`
 * blank drafts and invites BENCH_MEMBERS delegates through the API (of the first process: sessions are in
 * the database, so the other process takes the same cookies); the generator's sockets take the delegates'
 * session cookies in turn and its document names are mapped onto those drafts
 * (loadgen/registerDraftAliases.mjs). With two processes the generator gets one URL per process and
 * spreads every draft's clients over them, or with `placement` 'by-doc' puts all of a draft's clients on
 * one process (drafts spread over both), as a proxy routing by draft does (deploy/haproxy.cfg). The processes start one after the other: the first migrates
 * and seeds the database, the next finds it done.
 */
export async function startOurServer(
  options: StartOptions,
  store: OurStore,
  placement: 'split' | 'by-doc' = 'split',
): Promise<RunningTarget> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'coc-bench-data-'));
  const database = store === 'postgres' || store === 'postgres-redis' ? await createBenchDatabase() : null;
  const count = store === 'postgres-redis' ? 2 : 1;
  const processes: Array<{ spawned: Spawned; port: number }> = [];
  const stop = async () => {
    await Promise.all(processes.map(({ spawned }) => stopProcess(spawned)));
    await rm(dataDir, { recursive: true, force: true });
    await database?.drop();
  };
  try {
    for (let k = 0; k < count; k += 1) {
      const port = await freePort();
      const logName = count === 1 ? 'server' : `server-${String.fromCharCode(97 + k)}`;
      const spawned = startProcess(options, store, {
        port,
        dataDir,
        logFile: path.join(options.runDir, `${options.runId}.${logName}.log`),
        database,
      });
      processes.push({ spawned, port });
      await waitForPort(port, 60_000);
    }
    const bases = processes.map(({ port }) => `http://127.0.0.1:${port}`);
    const secretariat = await new ApiClient(bases[0]!).signIn('secretariat@example.org', BENCH_PASSWORD);
    const draftIds: string[] = [];
    for (let i = 0; i < options.docs; i += 1) {
      const created = await secretariat.post('/api/drafts', { title: `Benchmark draft ${i + 1}`, template: 'blank' });
      if (created.status !== 201) throw new Error(`creating a draft failed: ${created.status} ${JSON.stringify(created.body)}`);
      draftIds.push((created.body as { id: string }).id);
    }
    const cookies = await extraDelegateCookies(bases[0]!, BENCH_MEMBERS, BENCH_PASSWORD);
    return {
      pids: processes.map(({ spawned }) => spawned.pid),
      proto: 'yws',
      urls: processes.map(({ port }) => `ws://127.0.0.1:${port}/collab/{doc}`),
      loadgenArgs: ['--cookie', cookies[0]!, '--placement', placement],
      loadgenNodeArgs: ['--import', DRAFT_ALIASES],
      loadgenEnv: { BENCH_DRAFT_IDS: draftIds.join(','), BENCH_COOKIES: cookies.join('\n') },
      serverStats: (until) =>
        summedServerStats(
          processes.map(({ spawned }) => spawned.output),
          until,
        ),
      usesDatabase: database !== null,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Spawns one server process on the given store (pinned as the options say). */
function startProcess(
  options: StartOptions,
  store: OurStore,
  where: { port: number; dataDir: string; logFile: string; database: BenchDatabase | null },
): Spawned {
  // One .cpuprofile per thread (the main thread's is the big one; tsx's loader runs in a worker).
  const nodeArgs = [
    ...options.nodeArgs,
    ...(options.cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(options.runDir, `${options.runId}.cpuprofiles`)}`] : []),
  ];
  const entry = store === 'memory' ? path.join(import.meta.dirname, 'memoryStoreServer.ts') : path.join(ROOT, 'server/index.ts');
  return spawnLogged([process.execPath, ...nodeArgs, '--import', 'tsx', entry], {
    cwd: ROOT,
    env: {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(where.port),
      DATA_DIR: where.dataDir,
      SEED_PASSWORD: BENCH_PASSWORD,
      STATS_LOG_SECONDS: String(STATS_EVERY_S),
      ...(where.database ? { DATABASE_URL: where.database.url } : {}),
      ...(store === 'postgres-redis' ? { REDIS_URL: BENCH_REDIS_URL } : {}),
    },
    logFile: where.logFile,
    cpus: options.cpus,
  });
}

/**
 * Waits for a [stats] line from every process printed after this call, for whose sum (store counters,
 * sockets, rooms) `until` holds: at most 5 s, then takes the last sum (null when a process printed none).
 */
async function summedServerStats(
  outputs: Array<() => string>,
  until: (stats: ServerStats) => boolean = () => true,
): Promise<ServerStats | null> {
  const before = outputs.map((output) => output().length);
  let sum: ServerStats | null = null;
  for (let waited = 0; waited < 5000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const latest = outputs.map((output, k) => lastStats(output().slice(before[k])));
    if (latest.some((stats) => stats === null)) continue;
    sum = latest.length === 1 ? latest[0]! : addStats(latest as ServerStats[]);
    if (until(sum)) return sum;
  }
  return sum;
}

/** The last complete [stats] line in `text`, parsed. */
function lastStats(text: string): ServerStats | null {
  // The text after the last newline may be a line still being written.
  const lines = text
    .split('\n')
    .slice(0, -1)
    .filter((line) => line.startsWith('[stats] '));
  return lines.length === 0 ? null : (JSON.parse(lines.at(-1)!.slice('[stats] '.length)) as ServerStats);
}

/** Several processes' figures as one. */
function addStats(all: ServerStats[]): ServerStats {
  const total = (read: (stats: ServerStats) => number) => all.reduce((n, stats) => n + read(stats), 0);
  return {
    store: {
      appends: total((s) => s.store.appends),
      logWrites: total((s) => s.store.logWrites),
      fsyncs: total((s) => s.store.fsyncs),
      bytesWritten: total((s) => s.store.bytesWritten),
      openDrafts: total((s) => s.store.openDrafts),
    },
    collab: { connections: total((s) => s.collab.connections), rooms: total((s) => s.collab.rooms) },
  };
}
