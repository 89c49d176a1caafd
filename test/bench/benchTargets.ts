import { cpSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { freePort, spawnLogged, stopProcess, waitForPort } from './childProcesses.js';
import { startOurServer } from './ourServer.js';

/** A store's disk counters as FileDocumentStore.stats() reports them. */
export interface StoreStats {
  appends: number;
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
  pid: number;
  proto: 'yws' | 'hocuspocus';
  /** loadgen.mjs --url template. */
  url: string;
  /** Extra loadgen.mjs arguments (our session cookie). */
  loadgenArgs: string[];
  /** Extra node arguments for loadgen.mjs (our draft-alias preload) and its environment. */
  loadgenNodeArgs: string[];
  loadgenEnv: Record<string, string>;
  /**
   * Our server's figures from its next [stats] line, once `until` holds for them (or after a few seconds);
   * null for the references, which keep nothing on disk.
   */
  serverStats(until?: (stats: ServerStats) => boolean): Promise<ServerStats | null>;
  stop(): Promise<void>;
}

/** ours-memory: our server with documents in memory instead of the durable store (what durability costs). */
export type TargetName = 'ours' | 'ours-memory' | 'ywss' | 'hocuspocus';

/** Every target, in the order tables list them. */
export const TARGET_NAMES: readonly TargetName[] = ['ours', 'ours-memory', 'ywss', 'hocuspocus'];

export interface StartOptions {
  /** Folder for this run's logs (and CPU profiles). */
  runDir: string;
  runId: string;
  /** Documents the scenario opens (drafts to create on our server). */
  docs: number;
  cpus: string | null;
  /** The prepared copy of ../shared/bench (with node_modules). */
  refDir: string;
  /** Start the server with --cpu-prof (profiles written into runDir when it stops). */
  cpuProfile: boolean;
  /** Extra node options for our server (diagnostics such as --trace-gc). */
  nodeArgs: string[];
}

/** Starts one of the servers compared: ours (real app, durable store, real sign-in) or a reference from the copy of ../shared/bench. */
export function startTarget(name: TargetName, options: StartOptions): Promise<RunningTarget> {
  if (name === 'ours') return startOurServer(options, 'file');
  if (name === 'ours-memory') return startOurServer(options, 'memory');
  return startReference(name, options);
}

async function startReference(name: 'ywss' | 'hocuspocus', options: StartOptions): Promise<RunningTarget> {
  const port = await freePort();
  const script = name === 'ywss' ? 'node_modules/@y/websocket-server/src/server.js' : 'servers/hocuspocus.mjs';
  const profile = options.cpuProfile
    ? ['--cpu-prof', `--cpu-prof-dir=${path.join(options.runDir, `${options.runId}.cpuprofiles`)}`, '--import', path.join(import.meta.dirname, 'exitOnSignal.mjs')]
    : [];
  const spawned = spawnLogged([process.execPath, ...profile, script], {
    cwd: options.refDir,
    env: { HOST: '127.0.0.1', PORT: String(port) },
    logFile: path.join(options.runDir, `${options.runId}.server.log`),
    cpus: options.cpus,
  });
  await waitForPort(port);
  return {
    pid: spawned.pid,
    proto: name === 'ywss' ? 'yws' : 'hocuspocus',
    url: name === 'ywss' ? `ws://127.0.0.1:${port}/{doc}` : `ws://127.0.0.1:${port}`,
    loadgenArgs: [],
    loadgenNodeArgs: [],
    loadgenEnv: {},
    serverStats: async () => null,
    stop: () => stopProcess(spawned, 5000),
  };
}

/**
 * A writable copy of ../shared/bench with its pinned dependencies installed (`npm ci`, once), since the
 * generator needs its own yjs / y-websocket / ws and the shared folder stays untouched.
 * @default folder: <tmpdir>/coc-refbench
 */
export function prepareReferenceCopy(sourceDir: string, targetDir = path.join(os.tmpdir(), 'coc-refbench')): string {
  if (existsSync(path.join(targetDir, 'node_modules', 'y-websocket')) && existsSync(path.join(targetDir, 'loadgen.mjs'))) return targetDir;
  if (!existsSync(path.join(sourceDir, 'loadgen.mjs'))) throw new Error(`no reference generator in ${sourceDir}`);
  cpSync(sourceDir, targetDir, { recursive: true, filter: (source) => !source.includes(`${path.sep}results`) && !source.includes('node_modules') });
  console.error(`[bench] installing the reference generator's dependencies in ${targetDir} (npm ci) ...`);
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: targetDir, stdio: 'inherit' });
  return targetDir;
}
