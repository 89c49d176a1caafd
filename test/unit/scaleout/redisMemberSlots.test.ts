import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Log } from '../../../server/log.js';
import { RedisMemberSlots } from '../../../server/scaleout/RedisMemberSlots.js';

const quiet: Log = { warn: () => undefined, error: () => undefined };

interface Call {
  script: string;
  keys: readonly string[];
  args: ReadonlyArray<string | number>;
}

/** A Redis bus whose scripts are answered by `answer` (a promise that may never settle, or reject). */
function fakeBus(answer: (call: Call) => Promise<unknown>) {
  const calls: Call[] = [];
  return {
    calls,
    bus: {
      processId: 'p1',
      key: (name: string) => `coc:t:${name}`,
      runScript: (script: string, keys: readonly string[], args: ReadonlyArray<string | number>) => {
        const call = { script, keys, args };
        calls.push(call);
        return answer(call);
      },
    },
  };
}

const isGiveBack = (call: Call) => call.script.includes('SREM') && !call.script.includes('SMEMBERS');

afterEach(() => {
  vi.useRealTimers();
});

describe('RedisMemberSlots', () => {
  it('refuses when the script says a scope is full, and gives a taken slot back in every scope it holds', async () => {
    const { bus, calls } = fakeBus(async (call) => (call.args[3] === 1 ? 0 : 1));
    const slots = new RedisMemberSlots(bus, quiet);
    expect(await slots.take([{ key: 'socket:m', limit: 1 }])).toBeNull();
    const release = await slots.take([
      { key: 'socket:m:d', limit: 8 },
      { key: 'socket:m', limit: 24 },
    ]);
    expect(release).toBeTypeOf('function');
    const taken = calls.at(-1)!;
    expect(taken.keys).toEqual(['coc:t:slots:socket:m:d', 'coc:t:slots:socket:m']);
    expect(String(taken.args[2])).toMatch(/^p1:/);
    release!();
    await vi.waitFor(() => expect(calls.some(isGiveBack)).toBe(true));
    const giveBack = calls.find(isGiveBack)!;
    expect(giveBack.keys).toEqual(taken.keys);
    expect(giveBack.args).toEqual([taken.args[2]]);
    await slots.close();
  });

  it('grants the slot on this process’s own count when Redis does not answer within a second', async () => {
    vi.useFakeTimers();
    const { bus } = fakeBus(() => new Promise(() => undefined));
    const slots = new RedisMemberSlots(bus, quiet);
    const taking = slots.take([{ key: 'socket:m', limit: 1 }]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await taking).toBeTypeOf('function');
    void slots.close();
  });

  it('keeps giving back a slot Redis did not take back (it was away) on each renewal until it does', async () => {
    vi.useFakeTimers();
    let redisUp = true;
    const { bus, calls } = fakeBus(async () => {
      if (!redisUp) throw new Error('Connection is closed.');
      return 1;
    });
    const slots = new RedisMemberSlots(bus, quiet);
    const release = await slots.take([{ key: 'stream:workspace:m', limit: 20 }]);
    redisUp = false;
    release!();
    await vi.advanceTimersByTimeAsync(4000);
    const failedGiveBacks = calls.filter(isGiveBack).length;
    expect(failedGiveBacks).toBeGreaterThanOrEqual(1);
    redisUp = true;
    await vi.advanceTimersByTimeAsync(2000);
    const afterReturn = calls.filter(isGiveBack).length;
    expect(afterReturn).toBeGreaterThan(failedGiveBacks);
    // Taken back now: no more attempts.
    await vi.advanceTimersByTimeAsync(6000);
    expect(calls.filter(isGiveBack).length).toBe(afterReturn);
    void slots.close();
  });
});
