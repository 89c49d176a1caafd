import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { CLOSE_CODE } from '../../shared/collab/closeCodes.js';
import { encodeAwarenessEntries, readAwarenessEntries } from './awarenessEntries.js';
import type { RoomMember } from '../rooms/RoomClient.js';
import { bindPresence, colorFor, PRESENCE_PALETTE } from './presenceUser.js';
import { RateLimiter } from './RateLimiter.js';
import { readClientMessage } from './readClientMessage.js';

const bytes = (write: (e: encoding.Encoder) => void) => {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
};

function refusalCode(run: () => unknown): number | null {
  try {
    run();
    return null;
  } catch (error) {
    return (error as { code?: number }).code ?? -1;
  }
}

describe('readClientMessage', () => {
  it('reads each message type a y-websocket client sends, plus the saved subscription', () => {
    expect(
      readClientMessage(
        bytes((e) => {
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint8Array(e, Uint8Array.of(0));
        }),
      ),
    ).toEqual({ type: 'syncStep1', stateVector: Uint8Array.of(0) });
    expect(
      readClientMessage(
        bytes((e) => {
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint8Array(e, Uint8Array.of(0, 0));
        }),
      ).type,
    ).toBe('syncStep2');
    expect(
      readClientMessage(
        bytes((e) => {
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, 2);
          encoding.writeVarUint8Array(e, Uint8Array.of(0, 0));
        }),
      ).type,
    ).toBe('update');
    expect(
      readClientMessage(
        bytes((e) => {
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint8Array(e, Uint8Array.of(0));
        }),
      ).type,
    ).toBe('awareness');
    expect(readClientMessage(Uint8Array.of(3))).toEqual({ type: 'queryAwareness' });
    expect(readClientMessage(Uint8Array.of(100))).toEqual({ type: 'savedSubscribe' });
  });

  it('copies payloads and never reads past the frame inside a larger buffer', () => {
    const pool = new Uint8Array(64).fill(9);
    pool.set([0, 2, 10, 1, 2, 3], 0); // claims 10 payload bytes, has 3 before the frame ends
    expect(refusalCode(() => readClientMessage(pool.subarray(0, 6)))).toBe(CLOSE_CODE.MALFORMED_MESSAGE);
    const frame = Uint8Array.of(0, 2, 2, 7, 8);
    const message = readClientMessage(frame) as { update: Uint8Array };
    frame[3] = 0;
    expect([...message.update]).toEqual([7, 8]);
    expect(message.update.buffer.byteLength).toBe(2);
  });

  it('refuses trailing bytes, unknown types and empty frames as malformed', () => {
    for (const frame of [Uint8Array.of(3, 0), Uint8Array.of(2), Uint8Array.of(0, 9), new Uint8Array(), Uint8Array.of(0xff, 0xff, 0xff)]) {
      expect(refusalCode(() => readClientMessage(frame))).toBe(CLOSE_CODE.MALFORMED_MESSAGE);
    }
  });
});

describe('readAwarenessEntries', () => {
  it('round-trips entries and refuses states over the size limit or that are not objects', () => {
    const entries = [
      { clientId: 12, clock: 3, state: { cursor: null } },
      { clientId: 13, clock: 1, state: null },
    ];
    expect(readAwarenessEntries(encodeAwarenessEntries(entries), 100)).toEqual([
      { ...entries[0], bytes: '{"cursor":null}'.length },
      { ...entries[1], bytes: 'null'.length },
    ]);
    const big = encodeAwarenessEntries([{ clientId: 1, clock: 1, state: { x: 'y'.repeat(200) } }]);
    expect(refusalCode(() => readAwarenessEntries(big, 100))).toBe(CLOSE_CODE.MESSAGE_TOO_LARGE);
    for (const json of ['[1]', '"text"', '7', '{']) {
      const update = bytes((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint(e, 1);
        encoding.writeVarString(e, json);
      });
      expect(refusalCode(() => readAwarenessEntries(update, 100))).toBe(CLOSE_CODE.MALFORMED_MESSAGE);
    }
  });
});

describe('bindPresence', () => {
  const user: RoomMember = { id: 'abc', name: 'Mette', role: 'delegate', delegation: 'Denmark', delegationId: null, readOnly: false };

  it('replaces the claimed identity, keeps other fields and a well-formed colour', () => {
    const bound = bindPresence({ user: { name: 'Eve', role: 'secretariat', color: '#A1b2C3' }, cursor: { a: 1 } }, user);
    expect(bound).toEqual({ user: { name: 'Mette', delegation: 'Denmark', role: 'delegate', color: '#A1b2C3' }, cursor: { a: 1 } });
  });

  it('gives a stable colour of its own when the claimed one is not a #rrggbb colour', () => {
    for (const color of ['red', 'url(javascript:1)', '#fff', 42, undefined]) {
      const bound = bindPresence({ user: { color } }, user) as { user: { color: string } };
      expect(bound.user.color).toMatch(/^#[0-9a-f]{6}$/);
      expect(bound.user.color).toBe((bindPresence({}, user) as { user: { color: string } }).user.color);
    }
  });

  it('does not let a __proto__ key in the state reach any prototype', () => {
    const state = JSON.parse('{"__proto__": {"polluted": true}, "user": null}') as Record<string, unknown>;
    const bound = bindPresence(state, user);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(bound)).toBe(Object.prototype);
  });
});

describe('RateLimiter', () => {
  it('allows a burst, then the sustained rate', () => {
    let now = 0;
    const limiter = new RateLimiter(10, 5, () => now);
    expect(Array.from({ length: 6 }, () => limiter.take())).toEqual([true, true, true, true, true, false]);
    now += 100;
    expect(limiter.take()).toBe(true);
    expect(limiter.take()).toBe(false);
    now += 10_000;
    expect(Array.from({ length: 6 }, () => limiter.take()).filter(Boolean)).toHaveLength(5);
  });
});

describe('presence colours', () => {
  it('gives members present in the same draft different colours until the palette runs out', () => {
    const taken = new Set<string>();
    for (let i = 0; i < PRESENCE_PALETTE.length; i++) taken.add(colorFor(`member-${i}`, taken));
    expect(taken.size).toBe(PRESENCE_PALETTE.length);
    expect(PRESENCE_PALETTE).toContain(colorFor('one more', taken));
  });
});
