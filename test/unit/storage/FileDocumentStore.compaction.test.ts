import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftPaths } from '../../../server/storage/DraftPaths.js';
import { FileDocumentStore } from '../../../server/storage/FileDocumentStore.js';
import { encodeRecords, scanRecords } from '../../../server/storage/RecordCodec.js';
import { newDraftId } from './documentStoreContract.js';
import { seeded } from '../../helpers/seeded.js';
import { tempDataDir } from './tempDataDir.js';
import { expectedText, textEdits, textOf } from './textEdits.js';

const quiet = { warn: () => undefined };

describe('FileDocumentStore compaction', () => {
  it('writes the state as the snapshot, empties the log, and loads snapshot plus later appends', async () => {
    const dir = await tempDataDir();
    const draft = newDraftId();
    const paths = draftPaths(dir, draft);
    const edits = textEdits();
    const store = await FileDocumentStore.open(dir, quiet);
    for (let i = 0; i < 50; i++) await store.append(draft, edits.next());
    const state = Y.encodeStateAsUpdate(edits.doc);
    await store.compact(draft, state);
    expect(await readFile(paths.snapshot)).toEqual(encodeRecords([state]));
    expect((await readFile(paths.log)).byteLength).toBe(0);
    for (let i = 0; i < 10; i++) await store.append(draft, edits.next());
    await store.close();

    expect(scanRecords(await readFile(paths.log)).payloads).toHaveLength(10);
    expect(await readdir(paths.dir)).toEqual(['log.bin', 'snapshot.bin']);
    const reopened = await FileDocumentStore.open(dir, quiet);
    const loaded = await reopened.load(draft);
    await reopened.close();
    expect(loaded).toHaveLength(11);
    expect(textOf(loaded)).toBe(expectedText(60));
  });

  it('loses no append when compactions race with a stream of appends', async () => {
    for (const seed of [1, 2, 3]) {
      const random = seeded(seed);
      const dir = await tempDataDir();
      const draft = newDraftId();
      const edits = textEdits();
      const store = await FileDocumentStore.open(dir, quiet);
      const pending: Promise<void>[] = [];
      let lastCompactionAt = 0;
      for (let i = 0; i < 300; i++) {
        pending.push(store.append(draft, edits.next()));
        if (random() < 0.05) {
          pending.push(store.compact(draft, Y.encodeStateAsUpdate(edits.doc)));
          lastCompactionAt = i + 1;
        }
        if (random() < 0.2) await new Promise((resolve) => setImmediate(resolve));
      }
      await Promise.all(pending);
      await store.close();

      const reopened = await FileDocumentStore.open(dir, quiet);
      const loaded = await reopened.load(draft);
      await reopened.close();
      expect(textOf(loaded), `seed ${seed}`).toBe(expectedText(300));
      // Exactly the appends made after the last compact() call are in the log.
      expect(loaded.length - (lastCompactionAt > 0 ? 1 : 0), `seed ${seed}`).toBe(300 - lastCompactionAt);
    }
  });
});
