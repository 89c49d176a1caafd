import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AutoSnapshotScheduler } from './AutoSnapshotScheduler.js';

describe('AutoSnapshotScheduler', () => {
  let taken: string[];
  let scheduler: AutoSnapshotScheduler;

  beforeEach(() => {
    vi.useFakeTimers();
    taken = [];
    scheduler = new AutoSnapshotScheduler({
      take: async (id) => taken.push(id),
      quietMs: 5 * 60_000,
      maxIntervalMs: 30 * 60_000,
      now: () => Date.now(),
    });
  });
  afterEach(async () => {
    await scheduler.close();
    vi.useRealTimers();
  });

  it('saves a draft once it has had no change for the quiet time, and not before', async () => {
    scheduler.changed('a');
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    scheduler.changed('a');
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    expect(taken).toEqual([]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(taken).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(taken).toEqual(['a']);
  });

  it('saves at least every longest interval while changes keep coming', async () => {
    for (let minute = 0; minute < 65; minute += 1) {
      scheduler.changed('a');
      await vi.advanceTimersByTimeAsync(60_000);
    }
    expect(taken).toEqual(['a', 'a']);
  });

  it('keeps drafts apart', async () => {
    scheduler.changed('a');
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    scheduler.changed('b');
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(taken).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(taken).toEqual(['a', 'b']);
  });

  it('does nothing after close, or when the quiet time is 0', async () => {
    scheduler.changed('a');
    await scheduler.close();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    const off = new AutoSnapshotScheduler({ take: async (id) => taken.push(id), quietMs: 0 });
    off.changed('b');
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(taken).toEqual([]);
  });

  it('logs a failed snapshot and tries again after the next change', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const flaky = new AutoSnapshotScheduler({
      take: async (id) => {
        if (fail) throw new Error('disk full');
        taken.push(id);
      },
      quietMs: 1000,
      logError: (_message, error) => errors.push(error),
    });
    flaky.changed('a');
    await vi.advanceTimersByTimeAsync(1000);
    expect(errors).toHaveLength(1);
    fail = false;
    flaky.changed('a');
    await vi.advanceTimersByTimeAsync(1000);
    expect(taken).toEqual(['a']);
    await flaky.close();
  });
});
