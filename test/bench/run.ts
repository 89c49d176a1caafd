/**
 * Sync-server benchmark (`npm run bench`; not a test, vitest never runs test/bench, nothing is asserted):
 * starts our real server (child process, fresh DATA_DIR, durable file store, real sign-in), creates the
 * drafts a scenario needs, drives it with the reference load generator of bench/ (stock
 * y-websocket clients), and prints per scenario: server CPU per delivered update, latency p50/p95/p99,
 * memory per connection, join time (S3) and the store's fsync rate. With --with-references the
 * y-websocket server and Hocuspocus run in the same session, alternating (ours, ywss, hocuspocus) x reps.
 * ours-pg runs one process on PostgreSQL, ours-pg-redis two on PostgreSQL and Redis with every draft's clients
 * split between them (benchTargets.ts): both pinned to the server's cores, their CPU summed, latency also
 * reported for receivers on the other process than the sender, and PostgreSQL's and Redis's CPU measured
 * while the generator runs (BENCH_DATABASE_URL, BENCH_REDIS_URL; see benchServices.ts).
 *
 *   npm run bench -- [--scenarios S1,S2,S3,S4] [--reps 3] [--with-references]
 *                    [--targets ours,ours-memory,ours-pg,ours-pg-redis,ours-pg-redis-routed,ywss,hocuspocus]
 *                    [--no-pin] [--server-cpus 0] [--gen-cpus 1] [--cpu-prof] [--server-node-args=--trace-gc]
 *                    [--out DIR]
 *   npm run bench -- --report DIR      prints the tables again from DIR/runs.json
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renderGoals } from './benchGoals.js';
import { renderScenario, type RunRecord } from './benchReport.js';
import { readServiceCpu } from './benchServices.js';
import { prepareBenchPackage, startTarget, TARGET_NAMES, type TargetName } from './benchTargets.js';
import { runLoadgen } from './runLoadgen.js';
import { isScenarioId, SCENARIOS, type ScenarioId } from './scenarios.js';

const { values } = parseArgs({
  options: {
    scenarios: { type: 'string', default: 'S1,S2,S3,S4' },
    reps: { type: 'string', default: '3' },
    'with-references': { type: 'boolean', default: false },
    targets: { type: 'string' },
    'no-pin': { type: 'boolean', default: false },
    'server-cpus': { type: 'string', default: '0' },
    'gen-cpus': { type: 'string', default: '1' },
    'cpu-prof': { type: 'boolean', default: false },
    'server-node-args': { type: 'string', default: '' },
    out: { type: 'string' },
    report: { type: 'string' },
  },
});

const scenarioIds = values.scenarios.split(',').map((s) => s.trim());
for (const id of scenarioIds) if (!isScenarioId(id)) throw new Error(`unknown scenario ${id} (S1..S4)`);
const targets = (values.targets ?? (values['with-references'] ? 'ours,ywss,hocuspocus' : 'ours'))
  .split(',')
  .map((t) => t.trim()) as TargetName[];
for (const t of targets) if (!TARGET_NAMES.includes(t)) throw new Error(`unknown target ${t} (${TARGET_NAMES.join(', ')})`);
const reps = Number(values.reps);
if (!Number.isInteger(reps) || reps < 1 || reps > 10) throw new Error('--reps must be 1..10');
const pin = !values['no-pin'];
const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
const outDir = path.resolve(values.out ?? path.join(os.tmpdir(), 'coc-bench-results', stamp));
mkdirSync(outDir, { recursive: true });

if (values.report) {
  const saved = JSON.parse(readFileSync(path.join(values.report, 'runs.json'), 'utf8')) as RunRecord[];
  const present = (['S1', 'S2', 'S3', 'S4'] as ScenarioId[]).filter((id) => saved.some((r) => r.scenario === id));
  const names = TARGET_NAMES.filter((t) => saved.some((r) => r.target === t));
  console.log(present.map((id) => renderScenario(SCENARIOS[id], saved, names)).join('\n') + '\n' + renderGoals(saved, present));
  process.exit(0);
}

const benchDir = prepareBenchPackage();
const machine = `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, load average at start ${os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(' ')}`;
console.error(`[bench] ${machine}; results in ${outDir}`);

const runs: RunRecord[] = [];
for (const id of scenarioIds as ScenarioId[]) {
  const scenario = SCENARIOS[id];
  for (let rep = 1; rep <= reps; rep += 1) {
    for (const target of targets) {
      const runId = `${id}-${target}-r${rep}`;
      const running = await startTarget(target, {
        runDir: outDir,
        runId,
        docs: scenario.docs,
        cpus: pin ? values['server-cpus'] : null,
        benchDir,
        cpuProfile: values['cpu-prof'],
        nodeArgs: values['server-node-args'].split(' ').filter(Boolean),
      });
      let record: RunRecord;
      try {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const before = await running.serverStats();
        const started = Date.now();
        const servicesBefore = running.usesDatabase ? readServiceCpu() : null;
        const { exit, result } = await runLoadgen(running, scenario, {
          benchDir,
          runDir: outDir,
          runId,
          cpus: pin ? values['gen-cpus'] : null,
        });
        const servicesAfter = running.usesDatabase ? readServiceCpu() : null;
        // Everyone has left: wait (a few seconds at most) for the drafts to leave memory, as they should.
        const after = await running.serverStats((stats) => stats.collab.rooms === 0 && stats.store.openDrafts === 0);
        record = {
          scenario: id,
          target,
          rep,
          exit,
          result,
          store: before && after ? { before: before.store, after: after.store } : null,
          leftOpen: after ? after.collab.rooms + after.store.openDrafts : null,
          services:
            servicesBefore && servicesAfter
              ? {
                  wallSec: (servicesAfter.at - servicesBefore.at) / 1000,
                  postgresCpuSec: servicesAfter.postgresSec - servicesBefore.postgresSec,
                  redisCpuSec: servicesAfter.redisSec - servicesBefore.redisSec,
                }
              : null,
        };
        console.error(
          `[bench] ${runId}: generator exit ${exit} in ${((Date.now() - started) / 1000).toFixed(1)} s, load average ${os.loadavg()[0]!.toFixed(2)}`,
        );
      } finally {
        await running.stop();
      }
      runs.push(record);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

let report = `## Sync server benchmark, ${stamp}\n\n${machine}; pinning: ${pin ? `server cpu ${values['server-cpus']} (every server process), generator cpu ${values['gen-cpus']}, PostgreSQL and Redis not pinned` : 'none'}; ${reps} rep(s) per cell, value = median [min-max]; ours = this project's server with its durable file store and real sign-in (ours-memory: the same with documents in memory, to show what durability costs; ours-pg: one process on PostgreSQL; ours-pg-redis: two processes on PostgreSQL and Redis, every draft's clients split between them, server CPU and memory summed over both; ours-pg-redis-routed: the same two processes with each draft's clients all on one of them), the references in memory.\n\n`;
for (const id of scenarioIds as ScenarioId[]) report += renderScenario(SCENARIOS[id], runs, targets) + '\n';
// The goals compare ours with the references: only when one of them ran.
if (targets.includes('ours') && targets.some((t) => t === 'ywss' || t === 'hocuspocus'))
  report += renderGoals(runs, scenarioIds as ScenarioId[]);
writeFileSync(path.join(outDir, 'runs.json'), JSON.stringify(runs, null, 2));
writeFileSync(path.join(outDir, 'summary.md'), report);
console.log(report);
console.error(`[bench] raw results: ${outDir}`);
