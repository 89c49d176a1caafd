import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { MeasuredDocumentStore } from '../../../server/operations/MeasuredDocumentStore.js';
import { MemoryDocumentStore } from '../../../server/storage/MemoryDocumentStore.js';
import { StoreClosedError } from '../../../server/storage/StoreClosedError.js';
import { describeDocumentStoreContract, newDraftId } from '../storage/documentStoreContract.js';
import { textEdits } from '../storage/textEdits.js';

const commitSeconds = () => new Histogram({ name: 'store_commit_seconds', help: 'test', registers: [new Registry()] });

/** How many appends the histogram observed. */
async function observed(histogram: Histogram): Promise<number> {
  const { values } = await histogram.get();
  return values.find((value) => value.metricName === 'store_commit_seconds_count')?.value ?? 0;
}

/** A store shared by several processes: it stores a draft's seed only when the draft has none yet. */
class SeededOnceStore extends MemoryDocumentStore {
  async appendFirst(draftId: string, update: Uint8Array): Promise<boolean> {
    if ((await this.load(draftId)).length > 0) return false;
    await this.append(draftId, update);
    return true;
  }
}

// Every call the collab server makes reaches the store behind it, with the same results.
describeDocumentStoreContract(
  'MeasuredDocumentStore over MemoryDocumentStore',
  async () => new MeasuredDocumentStore(new MemoryDocumentStore(), commitSeconds()),
);

describe('MeasuredDocumentStore', () => {
  it('observes each durable append once, and a failed append not at all, passing its error on', async () => {
    const histogram = commitSeconds();
    const inner = new MemoryDocumentStore();
    const store = new MeasuredDocumentStore(inner, histogram);
    const draft = newDraftId();
    const edits = textEdits();
    await store.append(draft, edits.next());
    await store.append(draft, edits.next());
    expect(await observed(histogram)).toBe(2);
    expect(store.stats()).toEqual(inner.stats());
    await store.close();
    await expect(store.append(draft, edits.next())).rejects.toBeInstanceOf(StoreClosedError);
    expect(await observed(histogram)).toBe(2);
  });

  it('offers appendFirst only when the store behind it does, and then answers with the store', async () => {
    expect(new MeasuredDocumentStore(new MemoryDocumentStore(), commitSeconds()).appendFirst).toBeUndefined();
    const inner = new SeededOnceStore();
    const histogram = commitSeconds();
    const store = new MeasuredDocumentStore(inner, histogram);
    expect(store.appendFirst).toBeTypeOf('function');
    const draft = newDraftId();
    const edits = textEdits();
    expect(await store.appendFirst?.(draft, edits.next())).toBe(true);
    expect(await store.appendFirst?.(draft, edits.next())).toBe(false);
    expect(await inner.load(draft)).toHaveLength(1);
    // The seed goes in through the store's own appendFirst: only the appends the collab server makes are timed.
    expect(await observed(histogram)).toBe(0);
    await store.close();
  });
});
