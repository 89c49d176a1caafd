/**
 * Where a joiner's time goes (S3): a draft of ~50k typing edits is put on the server in one update,
 * then fresh raw-socket joiners connect one after another and the probe times, for each: the socket
 * opening (upgrade and sign-in check), the server's answer (from sending sync step 1 with an empty
 * state vector until the whole sync step 2 has arrived) and applying that state to a fresh Y.Doc, which
 * a stock client does before it counts as synced. Our server against the y-websocket server.
 *
 *   npx tsx test/bench/joinProbe.ts [--joiners 15] [--targets ours,ywss]
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { median } from './benchReport.js';
import { prepareBenchPackage, startTarget, type TargetName } from './benchTargets.js';
import { typedDocument } from './typedDocument.js';

const { values } = parseArgs({
  options: {
    joiners: { type: 'string', default: '15' },
    targets: { type: 'string', default: 'ours,ywss' },
  },
});
const benchDir = prepareBenchPackage();
const runDir = mkdtempSync(path.join(os.tmpdir(), 'coc-join-probe-'));
const state = Y.encodeStateAsUpdate(typedDocument(50_000));
console.log(
  `join probe: a ${(state.byteLength / 1024).toFixed(0)} KB document, ${values.joiners} sequential joiners per server (medians, ms)`,
);
console.log('server | socket open | sync step 2 received after step 1 sent | applying it to a fresh doc');

for (const name of values.targets.split(',') as TargetName[]) {
  const target = await startTarget(name, { runDir, runId: `join-${name}`, docs: 1, cpus: '0', benchDir, cpuProfile: false, nodeArgs: [] });
  try {
    const url = target.urls[0]!.replace('{doc}', target.loadgenEnv.BENCH_DRAFT_IDS ?? 'join-probe');
    const headers: Record<string, string> = target.loadgenArgs[0] === '--cookie' ? { cookie: target.loadgenArgs[1]! } : {};
    const seeder = await open(url, headers);
    seeder.ws.send(syncMessage(2, state));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const rows: Array<{ open: number; answer: number; apply: number }> = [];
    for (let i = 0; i < Number(values.joiners); i += 1) {
      rows.push(await join(url, headers));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    seeder.ws.close();
    const m = (pick: (r: (typeof rows)[number]) => number) => median(rows.map(pick))!.toFixed(1);
    console.log(`${name} | ${m((r) => r.open)} | ${m((r) => r.answer)} | ${m((r) => r.apply)}`);
  } finally {
    await target.stop();
  }
}

async function open(url: string, headers: Record<string, string>): Promise<{ ws: WebSocket; openMs: number }> {
  const started = performance.now();
  const ws = new WebSocket(url, { headers });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, openMs: performance.now() - started };
}

/** One joiner: open, ask with an empty state vector, wait for the whole answer, apply it. */
async function join(url: string, headers: Record<string, string>): Promise<{ open: number; answer: number; apply: number }> {
  const { ws, openMs } = await open(url, headers);
  const asked = performance.now();
  const answer = await new Promise<Uint8Array>((resolve) => {
    ws.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === 1) resolve(readPayload(data));
    });
    ws.send(Uint8Array.of(0, 0, 1, 0));
  });
  const answered = performance.now();
  Y.applyUpdate(new Y.Doc(), answer);
  const applied = performance.now();
  ws.close();
  return { open: openMs, answer: answered - asked, apply: applied - answered };
}

/** `[sync, step, varUint length, bytes]`. */
function syncMessage(step: number, payload: Uint8Array): Uint8Array {
  const length: number[] = [];
  for (let n = payload.byteLength; ; n = Math.floor(n / 128)) {
    length.push(n > 127 ? (n & 127) | 128 : n);
    if (n <= 127) break;
  }
  return Uint8Array.from([0, step, ...length, ...payload]);
}

function readPayload(message: Buffer): Uint8Array {
  let pos = 2;
  let length = 0;
  for (let shift = 1; ; shift *= 128) {
    const byte = message[pos++]!;
    length += (byte & 127) * shift;
    if (byte < 128) break;
  }
  return message.subarray(pos, pos + length);
}
