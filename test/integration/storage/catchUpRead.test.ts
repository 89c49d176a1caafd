import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PgDocumentStore } from '../../../server/storage/postgres/PgDocumentStore.js';
import { migratedPool } from '../../helpers/migratedPool.js';

const DRAFT = 'catchUpDraft0001';

describe('a catch-up read of another process’s updates', () => {
  it('reads the log after a number without keeping the draft open in the store (reads racing a release leave nothing behind)', async () => {
    const store = new PgDocumentStore(await migratedPool());
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'one');
    await store.append(DRAFT, Y.encodeStateAsUpdate(doc));
    const known = Y.encodeStateVector(doc);
    doc.getText('t').insert(3, ' two');
    await store.append(DRAFT, Y.encodeStateAsUpdate(doc, known));
    await store.release(DRAFT);
    expect(store.stats().openDrafts).toBe(0);

    const rows = await store.readSince(DRAFT, 1);
    expect(rows.map((row) => row.seq)).toEqual([2]);
    expect(store.stats().openDrafts).toBe(0);
    // loadSince, by contrast, opens the draft (it keeps account of what the store has read, for compaction).
    await store.loadSince(DRAFT, 0);
    expect(store.stats().openDrafts).toBe(1);
    await store.close();
  });
});
