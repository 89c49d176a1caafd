import type { TargetName } from './benchTargets.js';
import { figures, median, type RunRecord } from './benchReport.js';
import { SCENARIOS, type ScenarioId } from './scenarios.js';

/**
 * The sync server's performance goals, checked on this run's medians and printed (a benchmark reports, it never
 * fails a build): our server against the better reference of the same run.
 */
export function renderGoals(runs: RunRecord[], scenarioIds: ScenarioId[]): string {
  const targets: TargetName[] = ['ours', 'ywss', 'hocuspocus'];
  const lines: string[] = [];
  const value = (id: ScenarioId, label: string, target: TargetName) =>
    median(figures(SCENARIOS[id], runs, targets).get(label)?.get(target) ?? []);
  const better = (id: ScenarioId, label: string) => {
    const refs = [value(id, label, 'ywss'), value(id, label, 'hocuspocus')].filter((v): v is number => v !== null);
    return refs.length > 0 ? Math.min(...refs) : null;
  };
  const check = (goal: string, ours: number | null, limit: number | null, unit: string) => {
    if (ours === null || limit === null)
      return lines.push(
        `| ${goal} | ${ours === null ? 'n/a' : ours.toFixed(2)} | ${limit === null ? 'n/a' : limit.toFixed(2)} ${unit} | n/a |`,
      );
    lines.push(`| ${goal} | ${ours.toFixed(2)} | ≤ ${limit.toFixed(2)} ${unit} | ${ours <= limit ? 'met' : 'NOT met'} |`);
  };
  const cpu = 'server CPU per delivered update (µs)';
  for (const id of ['S1', 'S4'] as const) {
    if (!scenarioIds.includes(id)) continue;
    const ref = better(id, cpu);
    check(`${id} CPU per delivered update ≤ half the better reference`, value(id, cpu, 'ours'), ref === null ? null : ref / 2, 'µs');
  }
  for (const id of ['S1', 'S2', 'S4'] as const) {
    if (!scenarioIds.includes(id)) continue;
    check(`${id} latency p99 ≤ the better reference`, value(id, 'latency p99 (ms)', 'ours'), better(id, 'latency p99 (ms)'), 'ms');
    check(`${id} latency p50 ≤ both references`, value(id, 'latency p50 (ms)', 'ours'), better(id, 'latency p50 (ms)'), 'ms');
  }
  if (scenarioIds.includes('S2'))
    check('S2 memory per connection ≤ 20 KB', value('S2', 'memory per connection, RSS idle -> end of edits (KB)', 'ours'), 20, 'KB');
  if (scenarioIds.includes('S3')) {
    const ywss = value('S3', 'cold join p50 of 5 sequential (ms)', 'ywss');
    check(
      'S3 join p50 ≤ half the y-websocket server’s',
      value('S3', 'cold join p50 of 5 sequential (ms)', 'ours'),
      ywss === null ? null : ywss / 2,
      'ms',
    );
  }
  if (lines.length === 0) return '';
  return `### Goals, on this run's medians\n\n| goal | ours | target | |\n| --- | --- | --- | --- |\n${lines.join('\n')}\n`;
}
