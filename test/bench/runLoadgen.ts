import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunningTarget } from './benchTargets.js';
import { spawnLogged } from './childProcesses.js';
import type { Scenario } from './scenarios.js';

/** The parts of a loadgen.mjs result JSON the harness reads (see bench/README.md). */
export interface LoadgenResult {
  exitCode: number;
  connect?: { ok: number; clients: number; wallMs: number; perClientMs: Quantiles };
  edit?: {
    latencyMs: Quantiles;
    /** With several URLs (processes): receivers on the sender's process, and on another one. */
    latencySameServerMs?: Quantiles | null;
    latencyCrossServerMs?: Quantiles | null;
    serverCpuUsPerDelivery?: number;
    deliveredPerSec: number;
    deliveryRatio: number | null;
    wallSec: number;
    missedSlots: number;
    /** Frames received by all clients per second (a merged frame carries several deliveries). */
    msgsInPerSec: number;
    /** Per second of the edit phase: mean and max latency, server CPU %. */
    timeline: Array<{ s: number; latMeanMs: number | null; latMaxMs: number | null; serverCpuPct: number | null }>;
  };
  convergence?: { converged: number; docs: number };
  seed?: { sendMs: number; converged: boolean; doc: { updateBytes: number; structs: number } };
  coldJoin?: { totalMs: Quantiles; allComplete: boolean; burst?: { wallMs: number; totalMs: Quantiles } };
  server?: Record<
    string,
    { cpuSec: number; wallSec: number; rssStartMB: number; rssEndMB: number; rssPeakMB: number } | number | boolean | null
  >;
  generator?: { cpuPctEditPhase?: number; eventLoopDelayEditMs?: { p99: number; max: number } };
}

export interface Quantiles {
  n: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

export interface LoadgenRun {
  exit: number | null;
  result: LoadgenResult | null;
}

/**
 * Runs the reference generator (bench/loadgen.mjs) against a running target, pinned to the generator's
 * core, and reads its JSON result: one --url per server process (it spreads every document's clients over
 * them) and all their PIDs (it sums their CPU and memory). A hard timeout ends a stuck run.
 */
export async function runLoadgen(
  target: RunningTarget,
  scenario: Scenario,
  options: { benchDir: string; runDir: string; runId: string; cpus: string | null },
): Promise<LoadgenRun> {
  const json = path.join(options.runDir, `${options.runId}.json`);
  const argv = [
    process.execPath,
    ...target.loadgenNodeArgs,
    'loadgen.mjs',
    '--proto',
    target.proto,
    ...target.urls.flatMap((url) => ['--url', url]),
    '--server-pid',
    target.pids.join(','),
    '--json',
    json,
    '--label',
    options.runId,
    ...scenario.args,
    ...target.loadgenArgs,
  ];
  const spawned = spawnLogged(argv, {
    cwd: options.benchDir,
    env: target.loadgenEnv,
    logFile: path.join(options.runDir, `${options.runId}.log`),
    cpus: options.cpus,
  });
  const timer = setTimeout(() => process.kill(spawned.pid, 'SIGKILL'), 15 * 60_000);
  const { code } = await spawned.exited;
  clearTimeout(timer);
  const result = existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')) as LoadgenResult) : null;
  return { exit: code, result };
}
