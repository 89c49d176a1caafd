/**
 * Where the server's CPU goes, from a V8 .cpuprofile written by `npm run bench -- --cpu-prof`: the
 * functions with the most self time, and the inclusive time of the functions that matter to the sync
 * path (what the harness's "show by measurement where the cost goes" relies on).
 *
 *   npx tsx test/bench/profileSummary.ts <file.cpuprofile> [--top 25] [--match name,name]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' }, match: { type: 'string' } },
});
const file = positionals[0];
if (!file) throw new Error('usage: profileSummary.ts <file.cpuprofile> [--top N] [--match a,b]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const label = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(server|shared)\//, '$1/')}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
};

const total = [...self.values()].reduce((a, b) => a + b, 0);
const selfByLabel = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, micros] of self) {
  const node = byId.get(id)!;
  selfByLabel.set(label(node), (selfByLabel.get(label(node)) ?? 0) + micros);
  // Inclusive: credit every distinct function on the stack once.
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const l = label(byId.get(at)!);
    if (seen.has(l)) continue;
    seen.add(l);
    inclusive.set(l, (inclusive.get(l) ?? 0) + micros);
  }
}

const pct = (micros: number) => `${((100 * micros) / total).toFixed(1).padStart(5)} %`;
const seconds = (profile.endTime - profile.startTime) / 1e6;
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled over ${seconds.toFixed(1)} s`);
console.log('\nself time:');
for (const [l, micros] of [...selfByLabel].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) console.log(`${pct(micros)}  ${l}`);
const wanted = (
  values.match ??
  'publish,broadcast,applyUpdate,write,send,receive,flush,encodeSyncStep2,syncStep2For,stateMessage,receiveAwareness,writev,(garbage collector)'
).split(',');
console.log('\ninclusive time of selected functions:');
for (const [l, micros] of [...inclusive]
  .filter(([l]) => wanted.some((w) => l.startsWith(`${w} `) || l === w))
  .sort((a, b) => b[1] - a[1])
  .slice(0, 40)) {
  console.log(`${pct(micros)}  ${l}`);
}
