import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FileDocumentStore } from '../../../server/storage/FileDocumentStore.js';
import { newDraftId } from './documentStoreContract.js';
import { tempDataDir } from './tempDataDir.js';
import { expectedText, textEdits, textOf } from './textEdits.js';

const quiet = { warn: () => undefined };
const INTERVAL = 120;

describe('FileDocumentStore with a commit interval', () => {
  it('writes an append to a quiet draft at once, then groups a busy draft’s appends into one write per interval', async () => {
    const dir = await tempDataDir();
    const draft = newDraftId();
    const edits = textEdits();
    const store = await FileDocumentStore.open(dir, { ...quiet, commitIntervalMs: INTERVAL });
    await store.load(draft);
    const before = store.stats().logWrites;

    await store.append(draft, edits.next());
    expect(store.stats().logWrites).toBe(before + 1);

    // Appends keep arriving, none awaited before the next (as the sync server writes): they all wait for the interval.
    const started = performance.now();
    const pending: Array<Promise<number>> = [];
    for (let i = 0; i < 30; i += 1) {
      pending.push(store.append(draft, edits.next()).then(() => performance.now() - started));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const arrivalSpan = performance.now() - started;
    const durableAfter = await Promise.all(pending);
    // One write for the lone append, then one per interval the arrivals spanned (not one per append).
    const writes = store.stats().logWrites - before;
    expect(writes).toBeLessThanOrEqual(2 + Math.ceil(arrivalSpan / INTERVAL));
    expect(writes).toBeLessThan(10);
    // The first of them waited for the interval since the write before it had started.
    expect(durableAfter[0]).toBeGreaterThanOrEqual(INTERVAL - 20);

    await store.close();
    const reopened = await FileDocumentStore.open(dir, quiet);
    const loaded = await reopened.load(draft);
    await reopened.close();
    expect(loaded).toHaveLength(31);
    expect(textOf(loaded)).toBe(expectedText(31));
  });

  it('lets compaction close a waiting batch: its appends are written first, later ones land in the fresh log', async () => {
    const dir = await tempDataDir();
    const draft = newDraftId();
    const edits = textEdits();
    const store = await FileDocumentStore.open(dir, { ...quiet, commitIntervalMs: INTERVAL });
    await store.append(draft, edits.next());
    const waiting = [store.append(draft, edits.next()), store.append(draft, edits.next())];
    const compacted = store.compact(draft, Y.mergeUpdates(edits.updates));
    const later = store.append(draft, edits.next());
    await Promise.all([...waiting, compacted, later]);
    // The log holds only what came after the snapshot.
    expect(store.logSize(draft)).toBeGreaterThan(0);
    expect(store.logSize(draft)).toBeLessThan(edits.updates[3]!.byteLength + 20);
    await store.close();
    const reopened = await FileDocumentStore.open(dir, quiet);
    const loaded = await reopened.load(draft);
    await reopened.close();
    expect(loaded).toHaveLength(2);
    expect(textOf(loaded)).toBe(expectedText(4));
  });
});
