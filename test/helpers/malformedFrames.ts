import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { COLLAB_LIMITS } from '../../shared/collab/limits.js';
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SAVED_SUBSCRIBE, MESSAGE_SYNC } from '../../shared/collab/messageTypes.js';
import { addClause } from '../../shared/doc/addClause.js';
import { encodeFrame, OPCODE } from './rawWebSocket.js';
import { seeded } from './seeded.js';

/** One attack: bytes to write after the handshake, and what kind of attack it is. */
export interface AttackCase {
  category: string;
  /** Exactly what goes on the wire: one or more frames, or raw bytes that are not frames at all. */
  bytes: Buffer;
  /** True when the bytes break the websocket framing itself (the server may wait for more before refusing). */
  framing: boolean;
}

type Random = () => number;

const randomInt = (random: Random, below: number) => Math.floor(random() * below);
const randomBytesOf = (random: Random, length: number) => Uint8Array.from({ length }, () => randomInt(random, 256));

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Well-formed messages of the protocol, as a client of another draft could send them: the material that is cut and flipped. */
function validMessages(random: Random): Uint8Array[] {
  const doc = new Y.Doc();
  doc.clientID = 1_000_000 + randomInt(random, 1_000_000);
  addClause(doc, { kind: 'operative', heading: 'Fuzzed', paragraphs: ['Text sent by a fuzzer, with *marks*.'] });
  const firstState = Y.encodeStateVector(doc);
  const text = (doc.getMap('clauses').values().next().value as Y.Map<unknown>).get('heading') as Y.Text;
  text.format(0, 3, { bold: true });
  text.delete(1, 2);
  const update = Y.encodeStateAsUpdate(doc);
  const delta = Y.encodeStateAsUpdate(doc, firstState);
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ cursor: { anchor: 1, head: 4 }, user: { color: '#30bced' } });
  const awarenessUpdate = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
  awareness.destroy();
  return [
    message((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
    }),
    message((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, update);
    }),
    message((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, delta);
    }),
    message((e) => {
      encoding.writeVarUint(e, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(e, awarenessUpdate);
    }),
    message((e) => encoding.writeVarUint(e, MESSAGE_QUERY_AWARENESS)),
    message((e) => encoding.writeVarUint(e, MESSAGE_SAVED_SUBSCRIBE)),
  ];
}

/** A varUint as lib0 writes it, for lengths far beyond anything real (up to 2^53). */
function hugeLength(random: Random): number {
  return 2 ** (20 + randomInt(random, 34)) + randomInt(random, 1000);
}

function awarenessEntry(clientId: number, clock: number, json: string): Uint8Array {
  const update = message((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, clientId);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, json);
  });
  return message((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, update);
  });
}

const BAD_AWARENESS_JSON = [
  '{',
  '[]',
  '"text"',
  '42',
  'null{',
  '{"user":',
  '\u0000',
  JSON.stringify({ big: 'x'.repeat(COLLAB_LIMITS.maxAwarenessStateBytes + 10) }),
];

/**
 * Protocol-level attacks: binary frames that are well framed but whose message is not one of this
 * protocol, in the proportions of `counts`. Deterministic for a seed, so a failure can be replayed.
 */
export function malformedMessages(
  seed: number,
  counts: Record<'random' | 'truncated' | 'flipped' | 'hugeLength' | 'unknownType' | 'trailing' | 'badAwareness' | 'text', number>,
): AttackCase[] {
  const random = seeded(seed);
  const frame = (category: string, payload: Uint8Array, opcode: number = OPCODE.binary): AttackCase => ({
    category,
    bytes: encodeFrame(payload, { opcode }),
    framing: false,
  });
  const cases: AttackCase[] = [];
  for (let i = 0; i < counts.random; i++) cases.push(frame('random bytes', randomBytesOf(random, randomInt(random, 96))));
  // Every prefix of every valid message (never the whole message), with fresh material until the quota is met.
  for (let made = 0; made < counts.truncated;) {
    for (const whole of validMessages(random)) {
      for (let cut = 0; cut < whole.length && made < counts.truncated; cut++, made++)
        cases.push(frame('valid message truncated', whole.subarray(0, cut)));
    }
  }
  for (let i = 0; i < counts.flipped; i++) {
    const all = validMessages(random);
    const flipped = Uint8Array.from(all[randomInt(random, 4)]!);
    for (let bits = 1 + randomInt(random, 3); bits > 0; bits--) flipped[randomInt(random, flipped.length)]! ^= 1 << randomInt(random, 8);
    cases.push(frame('flipped bits', flipped));
  }
  for (let i = 0; i < counts.hugeLength; i++) {
    const tail = randomBytesOf(random, randomInt(random, 24));
    const kind = randomInt(random, 3);
    cases.push(
      frame(
        'huge length prefix',
        message((e) => {
          encoding.writeVarUint(e, kind === 2 ? MESSAGE_AWARENESS : MESSAGE_SYNC);
          if (kind < 2) encoding.writeVarUint(e, randomInt(random, 3));
          encoding.writeVarUint(e, hugeLength(random));
          encoding.writeUint8Array(e, tail);
        }),
      ),
    );
  }
  const known = new Set([MESSAGE_SYNC, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SAVED_SUBSCRIBE]);
  for (let i = 0; i < counts.unknownType; i++) {
    let type = [2, 101, 4 + randomInt(random, 96), randomInt(random, 2 ** 31)][randomInt(random, 4)]!;
    if (known.has(type)) type = 2;
    cases.push(
      frame(
        'unknown message type',
        message((e) => {
          encoding.writeVarUint(e, type);
          encoding.writeUint8Array(e, randomBytesOf(random, randomInt(random, 32)));
        }),
      ),
    );
  }
  for (let i = 0; i < counts.trailing; i++) {
    const whole = validMessages(random)[[0, 3, 4, 5][randomInt(random, 4)]!]!;
    cases.push(frame('valid message with trailing bytes', Uint8Array.from([...whole, ...randomBytesOf(random, 1 + randomInt(random, 8))])));
  }
  for (let i = 0; i < counts.badAwareness; i++) {
    const json = BAD_AWARENESS_JSON[randomInt(random, BAD_AWARENESS_JSON.length)]!;
    cases.push(frame('bad awareness state', awarenessEntry(randomInt(random, 2 ** 30), randomInt(random, 5), json)));
  }
  for (let i = 0; i < counts.text; i++) {
    const invalidUtf8 = random() < 0.5;
    const payload = invalidUtf8
      ? Uint8Array.from([0x00, 0xc3, 0x28, 0xff, ...randomBytesOf(random, 8)])
      : new TextEncoder().encode(`{"type":"sync","n":${i}}`);
    cases.push(frame(invalidUtf8 ? 'text frame, invalid UTF-8' : 'text frame', payload, OPCODE.text));
  }
  return cases;
}

/**
 * Websocket-level garbage: raw bytes that are no frame at all, forbidden opcodes, unmasked frames,
 * reserved bits, broken fragmentation, bad control frames and frames announcing more than the size limit.
 */
export function websocketGarbage(seed: number, perKind: number): AttackCase[] {
  const random = seeded(seed);
  const sample = () => validMessages(random)[randomInt(random, 6)]!;
  const raw = (category: string, bytes: Buffer): AttackCase => ({ category, bytes, framing: true });
  const cases: AttackCase[] = [];
  for (let i = 0; i < perKind; i++) {
    cases.push(raw('raw TCP bytes', Buffer.from(randomBytesOf(random, 1 + randomInt(random, 256)))));
    cases.push(raw('reserved opcode', encodeFrame(sample(), { opcode: [3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf][randomInt(random, 10)]! })));
    cases.push(raw('unmasked client frame', encodeFrame(sample(), { mask: false })));
    cases.push(raw('reserved bits set', encodeFrame(sample(), { rsv: 1 + randomInt(random, 7) })));
    cases.push(raw('continuation without a first fragment', encodeFrame(sample(), { opcode: OPCODE.continuation })));
    const malformed = Uint8Array.from([MESSAGE_SYNC, 9, ...randomBytesOf(random, 20)]);
    cases.push(
      raw(
        'fragmented malformed message',
        Buffer.concat([
          encodeFrame(malformed.subarray(0, 7), { fin: false }),
          encodeFrame(malformed.subarray(7), { opcode: OPCODE.continuation }),
        ]),
      ),
    );
    cases.push(raw('new message inside a fragmented one', Buffer.concat([encodeFrame(sample(), { fin: false }), encodeFrame(sample())])));
    cases.push(raw('fragmented control frame', encodeFrame(randomBytesOf(random, 4), { opcode: OPCODE.ping, fin: false })));
    cases.push(
      raw('control frame over 125 bytes', encodeFrame(randomBytesOf(random, 126 + randomInt(random, 200)), { opcode: OPCODE.ping })),
    );
    const badCode = Buffer.alloc(2);
    badCode.writeUInt16BE([0, 999, 1004, 1005, 1006, 1016, 2999][randomInt(random, 7)]!);
    cases.push(raw('close frame with an invalid code', encodeFrame(badCode, { opcode: OPCODE.close })));
    cases.push(
      raw(
        'frame announcing more than the size limit',
        encodeFrame(randomBytesOf(random, 16), { announcedLength: COLLAB_LIMITS.maxFrameBytes + 1 + randomInt(random, 2 ** 30) }),
      ),
    );
  }
  return cases;
}
