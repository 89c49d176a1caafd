import { appendFile, readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftPaths } from '../../../server/storage/DraftPaths.js';
import { FileDocumentStore } from '../../../server/storage/FileDocumentStore.js';
import { encodeRecords, RECORD_HEADER_BYTES } from '../../../server/storage/RecordCodec.js';
import { CorruptSnapshotError, writeSnapshot } from '../../../server/storage/SnapshotFile.js';
import { emptyCounters } from '../../../server/storage/StoreCounters.js';
import { openStorageFile } from '../../../server/storage/StorageFile.js';
import { newDraftId } from './documentStoreContract.js';
import { tempDataDir } from './tempDataDir.js';
import { expectedText, textEdits, textOf } from './textEdits.js';

/** Opens a store on `dir`, runs `use`, closes it, and returns what `use` returned and what was warned. */
async function withStore<T>(dir: string, use: (store: FileDocumentStore) => Promise<T>): Promise<{ result: T; warnings: string[] }> {
  const warnings: string[] = [];
  const store = await FileDocumentStore.open(dir, { warn: (m) => warnings.push(m) });
  try {
    return { result: await use(store), warnings };
  } finally {
    await store.close();
  }
}

describe('FileDocumentStore recovery', () => {
  it('cuts a torn last record back at every byte offset, keeps the records before it, and appends cleanly after', async () => {
    const dir = await tempDataDir();
    const edits = textEdits();
    const updates = Array.from({ length: 5 }, () => edits.next());
    const full = encodeRecords(updates);
    const lastStart = full.byteLength - RECORD_HEADER_BYTES - updates[4]!.byteLength;
    const extra = edits.next();

    for (let cut = lastStart; cut < full.byteLength; cut++) {
      const draft = newDraftId();
      const paths = draftPaths(dir, draft);
      await withStore(dir, (s) => s.load(draft)); // creates the folder
      await writeFile(paths.log, full.subarray(0, cut));

      const { result: loaded, warnings } = await withStore(dir, (s) => s.load(draft));
      expect(textOf(loaded)).toBe(expectedText(4));
      expect((await stat(paths.log)).size).toBe(lastStart);
      if (cut === lastStart) expect(warnings).toEqual([]);
      else expect(warnings).toEqual([expect.stringContaining(`dropped ${cut - lastStart} bytes`)]);

      await withStore(dir, (s) => s.append(draft, extra));
      const { result: after, warnings: none } = await withStore(dir, (s) => s.load(draft));
      expect(none).toEqual([]);
      expect(after.map((u) => Buffer.from(u))).toEqual([...updates.slice(0, 4), extra].map((u) => Buffer.from(u)));
    }
  });

  it('cuts back a zero-filled tail such as a file system leaves after a power cut', async () => {
    const dir = await tempDataDir();
    const draft = newDraftId();
    const edits = textEdits();
    await withStore(dir, async (s) => {
      for (let i = 0; i < 3; i++) await s.append(draft, edits.next());
    });
    const log = draftPaths(dir, draft).log;
    const size = (await stat(log)).size;
    await truncate(log, size + 4096);
    const { result, warnings } = await withStore(dir, (s) => s.load(draft));
    expect(textOf(result)).toBe(expectedText(3));
    expect(warnings).toEqual([expect.stringContaining('dropped 4096 bytes')]);
    expect((await stat(log)).size).toBe(size);
  });

  it('cuts the log at a damaged record in the middle, keeping a copy of everything dropped', async () => {
    const dir = await tempDataDir();
    const draft = newDraftId();
    const edits = textEdits();
    const updates = Array.from({ length: 10 }, () => edits.next());
    const paths = draftPaths(dir, draft);
    await withStore(dir, async (s) => {
      for (const u of updates) await s.append(draft, u);
    });
    const data = await readFile(paths.log);
    const fifthStart = encodeRecords(updates.slice(0, 5)).byteLength;
    data[fifthStart + RECORD_HEADER_BYTES + 2]! ^= 0xff;
    await writeFile(paths.log, data);

    const { result, warnings } = await withStore(dir, (s) => s.load(draft));
    expect(textOf(result)).toBe(expectedText(5));
    expect(warnings).toEqual([expect.stringMatching(/damaged at byte \d+ \(checksum mismatch\) with 4 intact record.*kept a copy/)]);
    expect((await stat(paths.log)).size).toBe(fifthStart);
    const copies = (await readdir(paths.dir)).filter((f) => f.startsWith('log.bin.damaged-'));
    expect(copies).toHaveLength(1);
    expect(await readFile(path.join(paths.dir, copies[0]!))).toEqual(data.subarray(fifthStart));
  });

  it('refuses to load a draft whose snapshot is damaged, and leaves its files as they were', async () => {
    const dir = await tempDataDir();
    const draft = newDraftId();
    const edits = textEdits();
    const paths = draftPaths(dir, draft);
    await withStore(dir, async (s) => {
      for (let i = 0; i < 3; i++) await s.append(draft, edits.next());
      await s.compact(draft, Y.encodeStateAsUpdate(edits.doc));
      await s.append(draft, edits.next());
    });
    const snapshot = await readFile(paths.snapshot);
    await appendFile(paths.log, Buffer.from([1, 2, 3])); // a torn tail too: it must not be cut while the draft is refused
    const log = await readFile(paths.log);
    for (const damage of [snapshot.subarray(0, snapshot.byteLength - 1), Buffer.from(snapshot).fill(0, 10, 12), Buffer.alloc(0)]) {
      await writeFile(paths.snapshot, damage);
      const failed = withStore(dir, (s) => s.load(draft));
      await expect(failed).rejects.toThrow(CorruptSnapshotError);
      await expect(failed).rejects.toThrow(/snapshot\.bin is damaged/);
      expect(await readFile(paths.snapshot)).toEqual(damage);
      expect(await readFile(paths.log)).toEqual(log);
    }
  });

  it('loads the full state when a crash left a half-written temporary snapshot', async () => {
    const dir = await tempDataDir();
    const draft = newDraftId();
    const edits = textEdits();
    const paths = draftPaths(dir, draft);
    await withStore(dir, async (s) => {
      for (let i = 0; i < 3; i++) await s.append(draft, edits.next());
      await s.compact(draft, Y.encodeStateAsUpdate(edits.doc));
      for (let i = 0; i < 3; i++) await s.append(draft, edits.next());
    });
    await writeFile(paths.snapshotTmp, encodeRecords([Y.encodeStateAsUpdate(edits.doc)]).subarray(0, 20));
    const { result } = await withStore(dir, (s) => s.load(draft));
    expect(textOf(result)).toBe(expectedText(6));
    expect(await readdir(paths.dir)).not.toContain('snapshot.bin.tmp');
  });

  it('loads the full state, once, when a crash came after the snapshot rename but before the log reset', async () => {
    const dir = await tempDataDir();
    const draft = newDraftId();
    const edits = textEdits();
    const paths = draftPaths(dir, draft);
    await withStore(dir, async (s) => {
      for (let i = 0; i < 8; i++) await s.append(draft, edits.next());
    });
    // What compaction does up to the crash: the new snapshot is in place, the old log is untouched.
    await writeSnapshot(paths, Y.encodeStateAsUpdate(edits.doc), openStorageFile, emptyCounters());
    const { result, warnings } = await withStore(dir, (s) => s.load(draft));
    expect(result).toHaveLength(1 + 8);
    expect(textOf(result)).toBe(expectedText(8));
    expect(warnings).toEqual([]);
  });
  it('keeps client id owners across a restart and cuts a torn tail of clients.bin back to the last whole record', async () => {
    const dir = await tempDataDir();
    const draft = newDraftId();
    const paths = draftPaths(dir, draft);
    await withStore(dir, async (s) => {
      await s.addClientIdOwners(draft, [{ clientId: 1, memberId: 'alice' }]);
      await s.addClientIdOwners(draft, [{ clientId: 2, memberId: 'bob' }]);
    });
    const whole = await readFile(paths.clients);
    await writeFile(paths.clients, whole.subarray(0, whole.byteLength - 3));
    const { result, warnings } = await withStore(dir, (s) => s.loadClientIdOwners(draft));
    expect(result).toEqual([{ clientId: 1, memberId: 'alice' }]);
    expect(warnings).toEqual([expect.stringContaining('torn tail of clients.bin')]);
    await withStore(dir, (s) => s.addClientIdOwners(draft, [{ clientId: 3, memberId: 'carol' }]));
    const { result: after } = await withStore(dir, (s) => s.loadClientIdOwners(draft));
    expect(after).toEqual([
      { clientId: 1, memberId: 'alice' },
      { clientId: 3, memberId: 'carol' },
    ]);
  });
});
