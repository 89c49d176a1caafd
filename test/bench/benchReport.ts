import type { StoreStats, TargetName } from './benchTargets.js';
import type { LoadgenResult } from './runLoadgen.js';
import type { Scenario, ScenarioId } from './scenarios.js';

/** One finished run: what the generator measured and what our store did meanwhile. */
export interface RunRecord {
  scenario: ScenarioId;
  target: TargetName;
  rep: number;
  exit: number | null;
  result: LoadgenResult | null;
  /** Store counters before and after the generator ran (our server only). */
  store: { before: StoreStats; after: StoreStats } | null;
  /** Rooms and open draft files still in memory a few seconds after every client left (our server only). */
  leftOpen: number | null;
  /**
   * CPU the machine's PostgreSQL and Redis processes used while the generator ran (targets on the database
   * only; absent from older results).
   */
  services?: { wallSec: number; postgresCpuSec: number; redisCpuSec: number } | null;
}

type Figure = (run: RunRecord) => number | null | undefined;

const phase = (run: RunRecord, name: string) =>
  run.result?.server?.[name] as { cpuSec: number; wallSec: number; rssStartMB: number; rssEndMB: number; rssPeakMB: number } | undefined;
const storeDelta = (run: RunRecord, key: keyof StoreStats) => (run.store ? run.store.after[key] - run.store.before[key] : null);
/** Seconds of the phase that produced the writes: the edit phase, or seeding in S3. */
const writeSeconds = (run: RunRecord) => run.result?.edit?.wallSec ?? (run.result?.seed ? run.result.seed.sendMs / 1000 : null);
/** A service's CPU over the generator's whole run, in % of one core. */
const serviceCpuPercent = (run: RunRecord, service: 'postgresCpuSec' | 'redisCpuSec') =>
  run.services ? ratio(100 * run.services[service], run.services.wallSec) : null;
/** PostgreSQL's CPU per committed transaction, over the generator's whole run (µs). */
const postgresCpuPerCommit = (run: RunRecord) => ratio((run.services?.postgresCpuSec ?? NaN) * 1e6, storeDelta(run, 'logWrites'));

/** Rows on the store's writes and the database's CPU, common to every scenario. */
const STORE_ROWS = (phaseName: string): Array<[string, Figure]> => [
  [`store fsyncs per second of ${phaseName}`, (r) => perSecond(storeDelta(r, 'fsyncs'), writeSeconds(r))],
  [`store log writes (PostgreSQL: commits) per second of ${phaseName}`, (r) => perSecond(storeDelta(r, 'logWrites'), writeSeconds(r))],
  ['store appends per log write (group commit)', (r) => ratio(storeDelta(r, 'appends'), storeDelta(r, 'logWrites'))],
  ['PostgreSQL CPU, whole generator run (% of one core)', (r) => serviceCpuPercent(r, 'postgresCpuSec')],
  ['PostgreSQL CPU per commit, whole run (µs)', postgresCpuPerCommit],
  ['Redis CPU, whole generator run (% of one core)', (r) => serviceCpuPercent(r, 'redisCpuSec')],
  ['drafts still in memory after all clients left', (r) => r.leftOpen],
];

/** Rows of the edit scenarios (S1, S2, S4): label and how to read it from a run. */
const EDIT_ROWS: Array<[string, Figure]> = [
  ['server CPU per delivered update (µs)', (r) => r.result?.edit?.serverCpuUsPerDelivery],
  ['latency p50 (ms)', (r) => r.result?.edit?.latencyMs.p50],
  ['latency p95 (ms)', (r) => r.result?.edit?.latencyMs.p95],
  ['latency p99 (ms)', (r) => r.result?.edit?.latencyMs.p99],
  ['latency max (ms)', (r) => r.result?.edit?.latencyMs.max],
  ['latency p50, receivers on another process than the sender (ms)', (r) => r.result?.edit?.latencyCrossServerMs?.p50],
  ['latency p99, receivers on another process than the sender (ms)', (r) => r.result?.edit?.latencyCrossServerMs?.p99],
  ['latency p50, receivers on the sender’s process (ms)', (r) => r.result?.edit?.latencySameServerMs?.p50],
  ['latency p99, receivers on the sender’s process (ms)', (r) => r.result?.edit?.latencySameServerMs?.p99],
  ['memory per connection, RSS idle -> end of edits (KB)', (r) => memoryPerConnection(r, 'edit')],
  ['memory per connection, RSS idle -> all connected (KB)', (r) => memoryPerConnection(r, 'connect')],
  ['latency mean in the worst second (ms)', (r) => worstSecond(r, (t) => t.latMeanMs)],
  ['server CPU in the busiest second (%)', (r) => worstSecond(r, (t) => t.serverCpuPct)],
  ['deliveries per frame received', (r) => ratio(r.result?.edit?.deliveredPerSec ?? null, r.result?.edit?.msgsInPerSec ?? null)],
  ['connect all clients, wall (ms)', (r) => r.result?.connect?.wallMs],
  ['deliveries/s', (r) => r.result?.edit?.deliveredPerSec],
  ['delivery ratio', (r) => r.result?.edit?.deliveryRatio],
  ['server CPU, edit phase (%)', (r) => cpuPercent(r, 'edit')],
  ['generator CPU, edit phase (%)', (r) => r.result?.generator?.cpuPctEditPhase],
  ['generator event-loop lag p99 (ms)', (r) => r.result?.generator?.eventLoopDelayEditMs?.p99],
  ...STORE_ROWS('edits'),
];

/** Rows of the cold-sync scenario (S3). */
const COLD_ROWS: Array<[string, Figure]> = [
  ['cold join p50 of 5 sequential (ms)', (r) => r.result?.coldJoin?.totalMs.p50],
  ['cold join max of 5 sequential (ms)', (r) => r.result?.coldJoin?.totalMs.max],
  ['burst of 20 joiners, wall (ms)', (r) => r.result?.coldJoin?.burst?.wallMs],
  ['burst of 20 joiners, per-client p50 (ms)', (r) => r.result?.coldJoin?.burst?.totalMs.p50],
  ['server CPU during the burst (ms per joiner)', (r) => ratio((phase(r, 'burst')?.cpuSec ?? NaN) * 1000, 20)],
  ['doc update size (KB)', (r) => ratio(r.result?.seed?.doc.updateBytes ?? null, 1024)],
  ['server CPU while seeding 50k edits (s)', (r) => phase(r, 'seed')?.cpuSec],
  ['server RSS peak (MB)', (r) => phase(r, 'whole')?.rssPeakMB],
  ...STORE_ROWS('seeding'),
];

/** The highest per-second value of the edit phase (spikes such as everyone renewing presence at once). */
function worstSecond(
  run: RunRecord,
  read: (second: NonNullable<LoadgenResult['edit']>['timeline'][number]) => number | null,
): number | null {
  const values = (run.result?.edit?.timeline ?? []).map(read).filter((v): v is number => typeof v === 'number');
  return values.length > 0 ? Math.max(...values) : null;
}

function memoryPerConnection(run: RunRecord, until: 'edit' | 'connect'): number | null {
  const start = phase(run, 'connect')?.rssStartMB;
  const end = phase(run, until)?.rssEndMB;
  const clients = run.result?.connect?.clients;
  if (start === undefined || end === undefined || !clients) return null;
  return ((end - start) * 1024) / clients;
}

function cpuPercent(run: RunRecord, name: string): number | null {
  const p = phase(run, name);
  return p && p.wallSec > 0 ? (100 * p.cpuSec) / p.wallSec : null;
}

function perSecond(count: number | null, seconds: number | null): number | null {
  return count === null || !seconds ? null : count / seconds;
}

function ratio(a: number | null, b: number | null): number | null {
  return a === null || b === null || !Number.isFinite(a) || b === 0 ? null : a / b;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const show = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));

/** `median [min-max]` over the runs that produced the figure, or n/a. */
function cell(values: number[]): string {
  const m = median(values);
  if (m === null) return 'n/a';
  return values.length > 1 ? `${show(m)} [${show(Math.min(...values))}-${show(Math.max(...values))}]` : show(m);
}

/** Every figure of a scenario per target: the values over the repetitions. */
export function figures(scenario: Scenario, runs: RunRecord[], targets: TargetName[]): Map<string, Map<TargetName, number[]>> {
  const rows = scenario.cold ? COLD_ROWS : EDIT_ROWS;
  const table = new Map<string, Map<TargetName, number[]>>();
  for (const [label, read] of rows) {
    const byTarget = new Map<TargetName, number[]>();
    for (const target of targets) {
      const values = runs.filter((r) => r.scenario === scenario.id && r.target === target).map(read);
      byTarget.set(
        target,
        values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)),
      );
    }
    table.set(label, byTarget);
  }
  return table;
}

/** A markdown table per scenario: one row per figure, one column per target. */
export function renderScenario(scenario: Scenario, runs: RunRecord[], targets: TargetName[]): string {
  const head = `### ${scenario.id}: ${scenario.description}\n\n| figure | ${targets.join(' | ')} |\n| --- |${targets.map(() => ' --- |').join('')}\n`;
  const lines: string[] = [];
  for (const [label, byTarget] of figures(scenario, runs, targets)) {
    if (targets.every((t) => byTarget.get(t)!.length === 0)) continue;
    lines.push(`| ${label} | ${targets.map((t) => cell(byTarget.get(t)!)).join(' | ')} |`);
  }
  const exits = targets.map((t) =>
    runs
      .filter((r) => r.scenario === scenario.id && r.target === t)
      .map((r) => r.exit ?? 'killed')
      .join(','),
  );
  lines.push(`| generator exit codes | ${exits.join(' | ')} |`);
  return head + lines.join('\n') + '\n';
}
