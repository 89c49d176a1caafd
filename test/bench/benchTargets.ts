import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { freePort, spawnLogged, stopProcess, waitForPort } from './childProcesses.js';
import { startOurServer } from './ourServer.js';

/**
 * A store's disk counters as FileDocumentStore.stats() reports them; PgDocumentStore.stats() reports the same
 * fields, its committed transactions as `logWrites` and every COMMIT (WAL flush) in `fsyncs`.
 */
export interface StoreStats {
  appends: number;
  /** Log writes (group commits); with PostgreSQL, committed transactions. */
  logWrites: number;
  fsyncs: number;
  bytesWritten: number;
  /** Drafts holding open files. */
  openDrafts: number;
}

/** What our server's [stats] line reports. */
export interface ServerStats {
  store: StoreStats;
  collab: { connections: number; rooms: number };
}

/** A server under test, started fresh for one run. */
export interface RunningTarget {
  /** Its processes (one, or ours-pg-redis's two): the generator measures their CPU and memory summed. */
  pids: number[];
  proto: 'yws' | 'hocuspocus';
  /** loadgen.mjs --url templates, one per process: the generator spreads every document's clients over them. */
  urls: string[];
  /** Extra loadgen.mjs arguments (our session cookie). */
  loadgenArgs: string[];
  /** Extra node arguments for loadgen.mjs (our draft-alias preload) and its environment. */
  loadgenNodeArgs: string[];
  loadgenEnv: Record<string, string>;
  /**
   * Our server's figures from its next [stats] line, once `until` holds for them (or after a few seconds),
   * summed over its processes; null for the references, which keep nothing on disk.
   */
  serverStats(until?: (stats: ServerStats) => boolean): Promise<ServerStats | null>;
  /** Whether the run uses PostgreSQL (and Redis): the harness then measures their CPU too. */
  usesDatabase: boolean;
  stop(): Promise<void>;
}

/**
 * ours-memory: our server with documents in memory instead of the durable store (what durability costs).
 * ours-pg: one process on PostgreSQL (DATABASE_URL, a new database per run). ours-pg-redis: two processes on
 * one new database and Redis, every draft's clients split between them, so that half the receivers of every
 * edit get it from the other process (through Redis). ours-pg-redis-routed: the same two processes, each draft's
 * clients all on one of them (drafts spread over both), as the reference proxy config routes them.
 */
export type TargetName = 'ours' | 'ours-memory' | 'ours-pg' | 'ours-pg-redis' | 'ours-pg-redis-routed' | 'ywss' | 'hocuspocus';

/** Every target, in the order tables list them. */
export const TARGET_NAMES: readonly TargetName[] = [
  'ours',
  'ours-memory',
  'ours-pg',
  'ours-pg-redis',
  'ours-pg-redis-routed',
  'ywss',
  'hocuspocus',
];

export interface StartOptions {
  /** Folder for this run's logs (and CPU profiles). */
  runDir: string;
  runId: string;
  /** Documents the scenario opens (drafts to create on our server). */
  docs: number;
  /** Cores for the server (taskset -c); every process of a several-process target gets the same. null: no pinning. */
  cpus: string | null;
  /** The bench/ package with its dependencies installed (see prepareBenchPackage). */
  benchDir: string;
  /** Start the server with --cpu-prof (profiles written into runDir when it stops). */
  cpuProfile: boolean;
  /** Extra node options for our server (diagnostics such as --trace-gc). */
  nodeArgs: string[];
}

/** Starts one of the servers compared: ours (real app, real sign-in, on one of its stores) or a reference from bench/. */
export function startTarget(name: TargetName, options: StartOptions): Promise<RunningTarget> {
  if (name === 'ours') return startOurServer(options, 'file');
  if (name === 'ours-memory') return startOurServer(options, 'memory');
  if (name === 'ours-pg') return startOurServer(options, 'postgres');
  if (name === 'ours-pg-redis') return startOurServer(options, 'postgres-redis');
  if (name === 'ours-pg-redis-routed') return startOurServer(options, 'postgres-redis', 'by-doc');
  return startReference(name, options);
}

async function startReference(name: 'ywss' | 'hocuspocus', options: StartOptions): Promise<RunningTarget> {
  const port = await freePort();
  const script = name === 'ywss' ? 'node_modules/@y/websocket-server/src/server.js' : 'servers/hocuspocus.mjs';
  const profile = options.cpuProfile
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${path.join(options.runDir, `${options.runId}.cpuprofiles`)}`,
        '--import',
        path.join(import.meta.dirname, 'exitOnSignal.mjs'),
      ]
    : [];
  const spawned = spawnLogged([process.execPath, ...profile, script], {
    cwd: options.benchDir,
    env: { HOST: '127.0.0.1', PORT: String(port) },
    logFile: path.join(options.runDir, `${options.runId}.server.log`),
    cpus: options.cpus,
  });
  await waitForPort(port);
  return {
    pids: [spawned.pid],
    proto: name === 'ywss' ? 'yws' : 'hocuspocus',
    urls: [name === 'ywss' ? `ws://127.0.0.1:${port}/{doc}` : `ws://127.0.0.1:${port}`],
    loadgenArgs: [],
    loadgenNodeArgs: [],
    loadgenEnv: {},
    serverStats: async () => null,
    usesDatabase: false,
    stop: () => stopProcess(spawned, 5000),
  };
}

/** The repository's bench/ package: the reference load generator and servers, with their own pinned dependencies. */
export const BENCH_DIR = path.resolve(import.meta.dirname, '../../bench');

/**
 * Installs bench/'s pinned dependencies in bench/node_modules (git-ignored) with `npm ci`, when they are
 * missing or were installed from another bench/package-lock.json, and returns the folder. The generator and
 * the references need their own yjs / y-websocket / ws / Hocuspocus, apart from the app's. Dependency install
 * scripts stay blocked: bench/package.json denies leveldown's (the y-websocket server's optional LevelDB
 * persistence, never switched on here; leveldown ships prebuilt binaries anyway).
 */
export function prepareBenchPackage(benchDir: string = BENCH_DIR): string {
  if (!existsSync(path.join(benchDir, 'loadgen.mjs'))) throw new Error(`no load generator in ${benchDir}`);
  const lockDigest = createHash('sha256')
    .update(readFileSync(path.join(benchDir, 'package-lock.json')))
    .digest('hex');
  const marker = path.join(benchDir, 'node_modules', '.bench-lock-sha256');
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === lockDigest) return benchDir;
  console.error(`[bench] installing the load generator's dependencies in ${benchDir} (npm ci) ...`);
  // npm's own output goes to stderr, so that the report on stdout stays clean.
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: benchDir, stdio: ['ignore', 2, 2] });
  writeFileSync(marker, `${lockDigest}\n`);
  return benchDir;
}
