import { spawn } from 'node:child_process';
import * as encoding from 'lib0/encoding';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODE } from '../../shared/collab/closeCodes.js';
import { COLLAB_LIMITS } from '../../shared/collab/limits.js';
import { readParagraphs } from '../../shared/doc/clauseBody.js';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { eventually, openCollabClient, type CollabClient } from '../helpers/collabClient.js';
import { ApiClient } from '../helpers/http.js';
import { encodeFrame, RawWebSocket } from '../helpers/rawWebSocket.js';
import { reportFigure } from '../helpers/reportFigure.js';
import { restartableServer, type RestartableServer } from '../helpers/restartableServer.js';
import { TEST_PASSWORD } from '../helpers/testServer.js';
import type { AttackOptions, AttackResult } from './attackChild.js';

const SEED = 20261221;
/** 10,000 protocol-level frames in all. */
const COUNTS: AttackOptions['counts'] = {
  random: 1800,
  truncated: 2200,
  flipped: 2500,
  hugeLength: 1000,
  unknownType: 1000,
  trailing: 500,
  badAwareness: 500,
  text: 500,
};
/** Eleven kinds of websocket-level garbage, this many of each. */
const GARBAGE_PER_KIND = 40;
/**
 * Sockets at a time: one attacking member may have COLLAB_LIMITS.maxConnectionsPerMemberPerDraft (8) open,
 * and a socket the attacker just cut still counts until the server has read its end.
 */
const CONCURRENCY = 6;
const BASELINE_SAMPLES = 150;
/** The honest clients' round trip during the attack may be at most this much slower than before it (medians). */
const LATENCY_FACTOR = 2;
const LATENCY_NOISE_FLOOR_MS = 20;

/** Categories whose frames can never be valid: the server must refuse every one. Others may happen to be valid and be accepted. */
const MAY_BE_VALID = new Set(['random bytes', 'flipped bits']);
/** Raw bytes may happen to form a client close frame with a valid code, which the server answers with that code. */
const ANY_CLOSE_CODE = new Set(['raw TCP bytes']);
const REFUSAL_CODES = [CLOSE_CODE.MALFORMED_MESSAGE, CLOSE_CODE.MESSAGE_TOO_LARGE];

/** How often each close code ended a client's connection. */
const closeCounts = (client: CollabClient) =>
  Object.fromEntries(
    [...new Set(client.closes.map((c) => c.code))].map((code) => [code, client.closes.filter((c) => c.code === code).length]),
  );
/**
 * A Yjs update (from the flipped-bits category) that Y.decodeUpdate accepts but Y.applyUpdate throws on
 * half-way ("Cannot read properties of undefined (reading 'id')" in StructStore.findIndexSS via
 * Item.getMissing): an item's origin points into its own client's future.
 */
const UNINTEGRABLE_UPDATE = Buffer.from(
  '010d978d4900270107636c617573657310796b775f4e6650632d4457357a586258012800978d4900046b696e640177096f70657261746976652700978d49000768656164696e67020400978d4922014681978d49030284978d4905037a65642700978d490004626f6479040700978d490903097061726167726170680700978d490a060400978d490b24546578742073656e7420627920612066757a7a65722c2077697468202a6d61726b732a2e0801056f72646572017710796b775f4e6650632d4457357a58625846978d490304626f6c640474727565c6978d4905978d490604626f6c64046e756c6c01978d49010402',
  'hex',
);
const varUint8Array = (bytes: Uint8Array) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint8Array(encoder, bytes);
  return encoding.toUint8Array(encoder);
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? NaN;

let server: RestartableServer;
let draftId: string;
let attackerCookie: string;
let a: CollabClient;
let b: CollabClient;
const baseline: number[] = [];
const underAttack: number[] = [];
let result: AttackResult;
let probeCount = 0;
/** OP1 before the attack: fuzzed frames that happen to be valid may add clauses anywhere, so the probe keeps to this one. */
let probeClauseId: string;

/** A types a marker at the end of OP1; resolves with how long until B's copy shows it (ms). */
async function roundTrip(): Promise<number> {
  const marker = `[p-${probeCount++}]`;
  probeClauseId ??= readOrderedClauses(a.doc).find((c) => c.kind === 'operative')!.id;
  const sent = readOrderedClauses(a.doc).find((c) => c.id === probeClauseId)!;
  const received = readOrderedClauses(b.doc).find((c) => c.id === sent.id)!;
  const text = (sent.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const arrived = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${marker} did not reach B within 10 s`)), 10_000);
    const check = () => {
      if (!readParagraphs(received.body)[0]!.includes(marker)) return;
      clearTimeout(timer);
      b.doc.off('update', check);
      resolve(performance.now());
    };
    b.doc.on('update', check);
  });
  const start = performance.now();
  text.insert(text.length, marker);
  return (await arrived) - start;
}

/** Measures round trips one after another, 10 ms apart, until `done()`. */
async function sampleUntil(done: () => boolean, into: number[]): Promise<void> {
  while (!done()) {
    into.push(await roundTrip());
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function runAttacker(options: AttackOptions): { finished: Promise<AttackResult>; done: () => boolean } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'attackChild.ts'), JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let finished = false;
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return {
    done: () => finished,
    finished: new Promise((resolve, reject) => {
      child.on('exit', (code) => {
        finished = true;
        const line = out.split('\n').find((l) => l.startsWith('result '));
        if (code !== 0 || !line) reject(new Error(`the attacker exited with ${code}: ${out.slice(-2000)}`));
        else resolve(JSON.parse(line.slice('result '.length)) as AttackResult);
      });
    }),
  };
}

beforeAll(async () => {
  server = await restartableServer();
  await server.start();
  const signIn = async (email: string) => (await new ApiClient(server.target.url).signIn(email, TEST_PASSWORD)).cookie!;
  const cookieA = await signIn('us@example.org');
  draftId = (await new ApiClient(server.target.url).signIn('secretariat@example.org', TEST_PASSWORD).then((api) => api.get('/api/drafts')))
    .body[0].id;
  // The attacker is a delegate: its updates are decoded and applied, unlike a reviewer's, which are dropped unread.
  attackerCookie = await signIn('dk@example.org');
  a = await openCollabClient(server.target, { draftId, cookie: cookieA });
  b = await openCollabClient(server.target, { draftId, cookie: await signIn('au@example.org') });

  // B keeps typing in OP2 all along, so the room is busy with honest edits too.
  const typing = readOrderedClauses(b.doc).filter((c) => c.kind === 'operative')[1]!;
  const typed = (typing.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const keepTyping = setInterval(() => typed.insert(typed.length, '.'), 50);
  try {
    for (let i = 0; i < BASELINE_SAMPLES; i++) {
      baseline.push(await roundTrip());
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const attacker = runAttacker({
      port: server.port,
      draftId,
      cookie: attackerCookie,
      origin: server.target.url,
      seed: SEED,
      counts: COUNTS,
      garbagePerKind: GARBAGE_PER_KIND,
      concurrency: CONCURRENCY,
    });
    await sampleUntil(attacker.done, underAttack);
    result = await attacker.finished;
  } finally {
    clearInterval(keepTyping);
  }
}, 120_000);

describe(`protocol robustness: ${Object.values(COUNTS).reduce((x, y) => x + y)} malformed frames and ${GARBAGE_PER_KIND * 11} pieces of websocket garbage while two clients keep editing`, () => {
  it('closes every offending socket with a close code (4400 MALFORMED_MESSAGE or 4413 MESSAGE_TOO_LARGE), and only that socket', () => {
    const unexpected: string[] = [];
    let refused = 0;
    let accepted = 0;
    for (const [category, outcomes] of Object.entries(result.byCategory)) {
      for (const [outcome, count] of Object.entries(outcomes)) {
        const code = /^close (\d+)$/.exec(outcome)?.[1];
        const ok =
          (code !== undefined && (ANY_CLOSE_CODE.has(category) || REFUSAL_CODES.includes(Number(code) as never))) ||
          (outcome === 'accepted' && MAY_BE_VALID.has(category));
        if (!ok) unexpected.push(`${category}: ${outcome} x${count}`);
        if (code !== undefined) refused += count;
        if (outcome === 'accepted') accepted += count;
      }
    }
    reportFigure(
      'protocol fuzzing',
      `${result.cases} attacks in ${(result.elapsedMs / 1000).toFixed(1)} s over ${CONCURRENCY} sockets at a time: ${refused} closed with a code, ${accepted} well-formed by chance and accepted`,
    );
    reportFigure('protocol fuzzing: outcomes by category', JSON.stringify(result.byCategory));
    expect(unexpected, 'outcomes other than a refusal code (or acceptance of a frame that happened to be valid)').toEqual([]);
  });

  it('keeps the honest clients connected and in sync through the attack', async () => {
    expect(closeCounts(a), 'closes seen by client A (code: count)').toEqual({});
    expect(closeCounts(b), 'closes seen by client B (code: count)').toEqual({});
    const reader = await openCollabClient(server.target, { draftId, cookie: attackerCookie });
    const text = (doc: Y.Doc) =>
      readOrderedClauses(doc)
        .flatMap((c) => readParagraphs(c.body))
        .join('\n');
    await eventually(
      () => text(a.doc) === text(reader.doc) && text(b.doc) === text(reader.doc),
      'A, B and a fresh client to agree',
      10_000,
    );
    expect(text(reader.doc)).toContain(`[p-${probeCount - 1}]`);
  });

  it(`keeps the honest clients' edit round trip within max(${LATENCY_FACTOR}x, +${LATENCY_NOISE_FLOOR_MS} ms) of the baseline measured just before`, () => {
    const before = median(baseline);
    const during = median(underAttack);
    reportFigure(
      'honest round trip A->server->B, p50 (p95)',
      `${before.toFixed(1)} ms (${percentile(baseline, 0.95).toFixed(1)}) before, ${during.toFixed(1)} ms (${percentile(underAttack, 0.95).toFixed(1)}) during the attack, ${underAttack.length} samples`,
    );
    expect(underAttack.length, 'round trips measured during the attack').toBeGreaterThan(20);
    expect(during).toBeLessThanOrEqual(Math.max(LATENCY_FACTOR * before, before + LATENCY_NOISE_FLOOR_MS));
  });

  it('is still running and answering, with no unexpected error logged', async () => {
    expect(server.current.child.exitCode).toBeNull();
    expect((await new ApiClient(server.target.url).request('GET', '/api/me', undefined, { cookie: attackerCookie })).status).toBe(200);
    const output = server.current.output();
    expect(output).not.toMatch(/a message handler failed|uncaught|unhandled/i);
  });

  it('closes only the sender of an update that decodes but cannot be integrated (seeded fuzz case, kept as a regression check)', async () => {
    const closesBefore = a.closes.length + b.closes.length;
    const socket = await RawWebSocket.connect(server.port, `/collab/${draftId}`, { cookie: attackerCookie, origin: server.target.url });
    await socket.waitFor(() => socket.frames.length > 0, 5000);
    socket.write(encodeFrame(Buffer.concat([Buffer.from([0, 2]), varUint8Array(UNINTEGRABLE_UPDATE)])));
    expect(await socket.waitFor(() => socket.closeCode !== null, 5000)).toBe(true);
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect({ sender: socket.closeCode, othersClosed: a.closes.length + b.closes.length - closesBefore }).toEqual({
      sender: CLOSE_CODE.MALFORMED_MESSAGE,
      othersClosed: 0,
    });
  });

  it('refuses a frame over the size limit from its header, before the rest is sent', async () => {
    const socket = await RawWebSocket.connect(server.port, `/collab/${draftId}`, { cookie: attackerCookie, origin: server.target.url });
    expect(socket.status).toBe(101);
    await socket.waitFor(() => socket.frames.length > 0, 5000);
    const announced = 64 * COLLAB_LIMITS.maxFrameBytes;
    const sentPayload = 1024;
    const started = performance.now();
    socket.write(encodeFrame(new Uint8Array(sentPayload), { announcedLength: announced }));
    expect(await socket.waitFor(() => socket.closeCode !== null, 5000), 'a close frame arrived').toBe(true);
    const ms = performance.now() - started;
    expect(socket.closeCode).toBe(CLOSE_CODE.MESSAGE_TOO_LARGE);
    socket.destroy();
    reportFigure(
      'oversized frame',
      `a header announcing ${announced / 2 ** 20} MiB with ${sentPayload} bytes sent was refused with 4413 in ${ms.toFixed(1)} ms`,
    );
  });
});

afterAll(() => server?.dispose());
