import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { extraDelegateCookies } from '../helpers/extraDelegates.js';
import { ApiClient } from '../helpers/http.js';
import type { RunningTarget, ServerStats, StartOptions } from './benchTargets.js';
import { freePort, spawnLogged, stopProcess, waitForPort } from './childProcesses.js';

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
 * Our real server as `npm run serve` runs it (server/index.ts, NODE_ENV=production) in a child process,
 * with a fresh DATA_DIR (durable FileDocumentStore, fsync on every group commit) and real sign-in: the
 * secretariat creates `docs` blank drafts and invites BENCH_MEMBERS delegates through the API; the
 * generator's sockets take the delegates' session cookies in turn and its document names are mapped onto
 * those drafts (loadgen/registerDraftAliases.mjs).
 */
export async function startOurServer(options: StartOptions, documents: 'file' | 'memory'): Promise<RunningTarget> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'coc-bench-data-'));
  const port = await freePort();
  // One .cpuprofile per thread (the main thread's is the big one; tsx's loader runs in a worker).
  const nodeArgs = [
    ...options.nodeArgs,
    ...(options.cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(options.runDir, `${options.runId}.cpuprofiles`)}`] : []),
  ];
  const entry = documents === 'file' ? path.join(ROOT, 'server/index.ts') : path.join(import.meta.dirname, 'memoryStoreServer.ts');
  const spawned = spawnLogged([process.execPath, ...nodeArgs, '--import', 'tsx', entry], {
    cwd: ROOT,
    env: {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED_PASSWORD: BENCH_PASSWORD,
      STATS_LOG_SECONDS: String(STATS_EVERY_S),
    },
    logFile: path.join(options.runDir, `${options.runId}.server.log`),
    cpus: options.cpus,
  });
  const stop = async () => {
    await stopProcess(spawned);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, 60_000);
    const base = `http://127.0.0.1:${port}`;
    const secretariat = await new ApiClient(base).signIn('secretariat@example.org', BENCH_PASSWORD);
    const draftIds: string[] = [];
    for (let i = 0; i < options.docs; i += 1) {
      const created = await secretariat.post('/api/drafts', { title: `Benchmark draft ${i + 1}`, template: 'blank' });
      if (created.status !== 201) throw new Error(`creating a draft failed: ${created.status} ${JSON.stringify(created.body)}`);
      draftIds.push((created.body as { id: string }).id);
    }
    const cookies = await extraDelegateCookies(base, BENCH_MEMBERS, BENCH_PASSWORD);
    return {
      pid: spawned.pid,
      proto: 'yws',
      url: `ws://127.0.0.1:${port}/collab/{doc}`,
      loadgenArgs: ['--cookie', cookies[0]!],
      loadgenNodeArgs: ['--import', DRAFT_ALIASES],
      loadgenEnv: { BENCH_DRAFT_IDS: draftIds.join(','), BENCH_COOKIES: cookies.join('\n') },
      serverStats: (until) => nextServerStats(spawned.output, until),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Waits for a [stats] line printed after this call for which `until` holds (at most 5 s, then takes the last one). */
async function nextServerStats(output: () => string, until: (stats: ServerStats) => boolean = () => true): Promise<ServerStats | null> {
  const before = output().length;
  let last: ServerStats | null = null;
  for (let waited = 0; waited < 5000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = output()
      .slice(before)
      .split('\n')
      .filter((line) => line.startsWith('[stats] '));
    if (lines.length === 0) continue;
    last = JSON.parse(lines.at(-1)!.slice('[stats] '.length)) as ServerStats;
    if (until(last)) return last;
  }
  return last;
}
