import { describe, expect, it } from 'vitest';
import { DraftState } from '../../../server/storage/postgres/DraftState.js';
import type { LogRead } from '../../../server/storage/postgres/draftLogSql.js';

const bytes = (n: number) => new Uint8Array(n);
const read = (updates: Array<[number, number]>, head: number, snapshotSeq = 0, withSnapshot = false): LogRead => ({
  snapshot: withSnapshot ? { seq: snapshotSeq, update: bytes(1) } : null,
  snapshotSeq,
  updates: updates.map(([seq, size]) => ({ seq, update: bytes(size) })),
  head,
});

describe('DraftState (PgDocumentStore bookkeeping)', () => {
  it('counts each log row once, whether committed here or read back, and drops what a snapshot covers', () => {
    const draft = new DraftState();
    draft.committed(1, 10);
    draft.committed(2, 20);
    draft.read(
      -1,
      read(
        [
          [1, 10],
          [2, 20],
          [3, 30],
        ],
        3,
      ),
    );
    expect(draft.logBytes).toBe(60);
    draft.committed(3, 30);
    expect(draft.logBytes).toBe(60);
    draft.compacted(2);
    expect(draft.logBytes).toBe(30);
    // A row older than the snapshot (read late) is not counted again; nor is a lower snapshot.
    draft.committed(1, 10);
    draft.compacted(1);
    expect(draft.logBytes).toBe(30);
    draft.read(
      -1,
      read(
        [
          [5, 7],
          [4, 3],
        ],
        5,
        3,
        true,
      ),
    );
    expect(draft.logBytes).toBe(10);
  });

  it('knows updates only through a run without gaps: an update another process appended unseen stops it', () => {
    const draft = new DraftState();
    draft.committed(1, 1);
    draft.committed(2, 1);
    expect(draft.knownThrough).toBe(2);
    // 3 was another process's: 4 and 5, committed here, are known but not through 3.
    draft.committed(4, 1);
    draft.committed(5, 1);
    expect(draft.knownThrough).toBe(2);
    // Reading what follows 2 fills the gap up to the head.
    draft.read(
      2,
      read(
        [
          [3, 1],
          [4, 1],
          [5, 1],
          [6, 1],
        ],
        6,
      ),
    );
    expect(draft.knownThrough).toBe(6);
    // A read after a point past what is known proves nothing; a snapshot in the answer covers all before it.
    draft.read(8, read([[9, 1]], 9));
    expect(draft.knownThrough).toBe(6);
    draft.read(8, read([[11, 1]], 11, 10, true));
    expect(draft.knownThrough).toBe(11);
  });
});
