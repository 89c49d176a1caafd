import { describe, expect, it } from 'vitest';
import { DraftSync, type LiveDocuments } from '../../../server/scaleout/DraftSync.js';
import { SeqTracker } from '../../../server/scaleout/SeqTracker.js';
import type { SeqUpdate, SequencedDocumentStore } from '../../../server/scaleout/SharedDocumentStore.js';

const DRAFT = 'draftAAAAAAAAAAA';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('SeqTracker', () => {
  it('holds a prefix without gaps, and later updates that arrived early until the gap closes', () => {
    const tracker = new SeqTracker();
    tracker.loaded(DRAFT, 3);
    tracker.mark(DRAFT, 5);
    expect(tracker.prefix(DRAFT)).toBe(3);
    expect(tracker.hasGap(DRAFT)).toBe(true);
    expect(tracker.holds(DRAFT, 5)).toBe(true);
    expect(tracker.holds(DRAFT, 4)).toBe(false);
    tracker.mark(DRAFT, 4);
    expect(tracker.prefix(DRAFT)).toBe(5);
    expect(tracker.hasGap(DRAFT)).toBe(false);
    tracker.mark(DRAFT, 9, true);
    expect(tracker.prefix(DRAFT)).toBe(9);
    tracker.forget(DRAFT);
    expect(tracker.tracks(DRAFT)).toBe(false);
    expect(tracker.prefix(DRAFT)).toBe(0);
  });
});

/** A log of numbered updates as the database would hold it, and a live document that records what it got. */
function setup(logged: number) {
  const log: SeqUpdate[] = Array.from({ length: logged }, (_, i) => ({ seq: i + 1, update: Uint8Array.of(i + 1) }));
  const store = {
    readSince: async (_draftId: string, after: number) => log.filter((row) => row.seq > after),
    headSeq: async () => log.length,
  } as unknown as SequencedDocumentStore;
  const applied: number[] = [];
  const live: LiveDocuments = {
    applyCommitted: (_draftId, update) => {
      applied.push(update[0]!);
      return true;
    },
  };
  const tracker = new SeqTracker();
  const sync = new DraftSync({ store, tracker, live, log: quiet, checkIntervalMs: 60_000, gapGraceMs: 10 });
  return { log, tracker, sync, applied };
}

describe('DraftSync', () => {
  it('applies each delivered update once, in any order, and repairs a gap from the log when its update never comes', async () => {
    const { tracker, sync, applied } = setup(6);
    tracker.loaded(DRAFT, 2);
    const deliver = (seq: number) => sync.receive({ draftId: DRAFT, seq, committedAt: Date.now(), update: Uint8Array.of(seq) });
    deliver(3);
    deliver(3);
    deliver(5); // 4 is lost on the way
    expect(applied).toEqual([3, 5]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(applied).toEqual([3, 5, 4, 6]);
    expect(tracker.prefix(DRAFT)).toBe(6);
    expect(sync.counters).toMatchObject({ delivered: 2, repaired: 2, repairs: 1 });
    sync.close();
  });

  it('catches a live draft up with the log when messages stopped arriving (a Redis outage), and ignores drafts not live here', async () => {
    const { log, tracker, sync, applied } = setup(2);
    tracker.loaded(DRAFT, 2);
    log.push({ seq: 3, update: Uint8Array.of(3) }, { seq: 4, update: Uint8Array.of(4) });
    sync.receive({ draftId: 'draftBBBBBBBBBBB', seq: 1, committedAt: Date.now(), update: Uint8Array.of(99) });
    await sync.checkAll();
    expect(applied).toEqual([3, 4]);
    expect(tracker.prefix(DRAFT)).toBe(4);
    sync.close();
  });

  it('does not count an update as held when the live document has gone (the room unloaded meanwhile)', () => {
    const tracker = new SeqTracker();
    tracker.loaded(DRAFT, 1);
    const store = { readSince: async () => [], headSeq: async () => 1 } as unknown as SequencedDocumentStore;
    const sync = new DraftSync({ store, tracker, live: { applyCommitted: () => false }, log: quiet, checkIntervalMs: 60_000 });
    sync.receive({ draftId: DRAFT, seq: 2, committedAt: Date.now(), update: Uint8Array.of(2) });
    expect(tracker.holds(DRAFT, 2)).toBe(false);
    sync.close();
  });
});
