/**
 * Child process of protocolRobustness.test.ts: the attacker, in its own process so that generating and
 * sending thousands of bad frames does not slow down the honest clients the test measures. Sends every
 * case of malformedMessages and websocketGarbage (test/helpers/malformedFrames.ts) over `concurrency`
 * sockets at a time, each case on a socket that has just been greeted by the server, and records what the
 * server did: closed with which code, accepted the frame (answered the probe that follows it), or neither.
 * Prints one line `result <json>` when done.
 * Usage: node --import tsx attackChild.ts '<AttackOptions as JSON>'
 */
import { MESSAGE_SAVED, MESSAGE_SAVED_SUBSCRIBE } from '../../shared/collab/messageTypes.js';
import { malformedMessages, websocketGarbage, type AttackCase } from '../helpers/malformedFrames.js';
import { encodeFrame, OPCODE, RawWebSocket } from '../helpers/rawWebSocket.js';

export interface AttackOptions {
  port: number;
  draftId: string;
  cookie: string;
  origin: string;
  seed: number;
  counts: Parameters<typeof malformedMessages>[1];
  garbagePerKind: number;
  concurrency: number;
}

/** What happened to the cases of one category: outcome ("close 4400", "accepted", "no answer" ...) -> count. */
export type AttackResult = {
  elapsedMs: number;
  cases: number;
  terminatorNeeded: number;
  byCategory: Record<string, Record<string, number>>;
};

/** Asks "are you still reading me?": a frame the server answers with MESSAGE_SAVED, and only if it is still processing this socket. */
const PROBE = encodeFrame(Uint8Array.of(MESSAGE_SAVED_SUBSCRIBE));
/** Completes any frame the server may still be waiting for, then breaks the framing (0xff: reserved bits set). */
const TERMINATOR = Buffer.alloc(70_000, 0xff);
const ANSWER_TIMEOUT_MS = 5000;

const options = JSON.parse(process.argv[2] ?? '{}') as AttackOptions;
const cases: AttackCase[] = [
  ...malformedMessages(options.seed, options.counts),
  ...websocketGarbage(options.seed + 1, options.garbagePerKind),
];
const byCategory: AttackResult['byCategory'] = {};
let terminatorNeeded = 0;
let next = 0;

function record(category: string, outcome: string): void {
  const outcomes = (byCategory[category] ??= {});
  outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
}

async function openGreeted(): Promise<RawWebSocket | string> {
  const socket = await RawWebSocket.connect(options.port, `/collab/${options.draftId}`, { cookie: options.cookie, origin: options.origin });
  if (socket.status !== 101) return `handshake ${socket.status}`;
  if (!(await socket.waitFor(() => socket.frames.length > 0 || socket.ended, ANSWER_TIMEOUT_MS))) return 'no greeting';
  if (socket.closeCode !== null) return `refused ${socket.closeCode}`;
  return socket;
}

function outcomeOf(socket: RawWebSocket, answered: boolean): string {
  if (socket.closeCode !== null) return `close ${socket.closeCode}`;
  if (answered) return 'accepted';
  return socket.ended ? 'cut without a close frame' : 'no answer';
}

async function attack(one: AttackCase): Promise<void> {
  const socket = await openGreeted();
  if (typeof socket === 'string') return record(one.category, socket);
  const before = socket.frames.length;
  const answered = () => socket.frames.slice(before).some((f) => f.opcode === OPCODE.binary && f.payload[0] === MESSAGE_SAVED);
  const settled = () => socket.closeCode !== null || socket.ended || answered();
  if (one.framing) {
    socket.write(one.bytes);
    // A frame cut short is legitimately awaited; complete it with bytes that are garbage in turn.
    if (!(await socket.waitFor(settled, 300))) {
      terminatorNeeded += 1;
      socket.write(TERMINATOR);
    }
  } else {
    socket.write(Buffer.concat([one.bytes, PROBE]));
  }
  await socket.waitFor(() => socket.closeCode !== null || socket.ended || (!one.framing && answered()), ANSWER_TIMEOUT_MS);
  record(one.category, outcomeOf(socket, answered()));
  socket.destroy();
}

async function worker(): Promise<void> {
  while (next < cases.length) {
    const one = cases[next++]!;
    try {
      await attack(one);
    } catch (error) {
      record(one.category, `error ${(error as Error).message}`);
    }
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: options.concurrency }, worker));
const result: AttackResult = { elapsedMs: Math.round(performance.now() - started), cases: cases.length, terminatorNeeded, byCategory };
process.stdout.write(`result ${JSON.stringify(result)}\n`);
