import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { COLLAB_LIMITS } from '../../../shared/collab/limits.js';
import { RoomAwareness } from '../../../server/collab/RoomAwareness.js';
import { decodePresence } from '../../../server/scaleout/redisPresence.js';

const US = { clientId: 101, clock: 3, state: { user: { name: 'James Carter' }, cursor: 1 }, memberId: 'memberUS00000001' };

describe('presence of another process’s sockets', () => {
  it('is shown, renewed by its heartbeats, and dropped once not renewed for the expiry time (its process died)', () => {
    const presence = new RoomAwareness(new Y.Doc(), COLLAB_LIMITS, () => undefined);
    presence.applyRemote([US], 1_000);
    expect(presence.awareness.getStates().get(101)).toEqual(US.state);
    presence.applyRemote([US], 5_000); // a renewal with the same clock
    presence.expireRemote(6_000, 10_000);
    expect(presence.awareness.getStates().has(101)).toBe(true);
    presence.expireRemote(6_000, 11_001);
    expect(presence.awareness.getStates().has(101)).toBe(false);
    // Its own process says it left: gone at once.
    presence.applyRemote([{ ...US, clock: 4 }], 12_000);
    presence.applyRemote([{ ...US, clock: 4, state: null }], 12_100);
    expect(presence.awareness.getStates().has(101)).toBe(false);
    presence.destroy();
  });

  it('drops malformed messages from the bus', () => {
    const ok = Buffer.from(JSON.stringify({ draftId: 'draftAAAAAAAAAAA', entries: [US] }));
    expect(decodePresence(ok)?.entries).toEqual([US]);
    for (const bad of [
      '{',
      JSON.stringify({ draftId: '../x', entries: [] }),
      JSON.stringify({ draftId: 'draftAAAAAAAAAAA', entries: [{ ...US, clientId: -1 }] }),
      JSON.stringify({ draftId: 'draftAAAAAAAAAAA', entries: [{ ...US, state: [1] }] }),
      JSON.stringify({ draftId: 'draftAAAAAAAAAAA', entries: 'nope' }),
    ]) {
      expect(decodePresence(Buffer.from(bad))).toBeNull();
    }
  });
});
