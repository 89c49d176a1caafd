import { readFile, readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftPaths } from '../../../server/storage/DraftPaths.js';
import { FileDocumentStore } from '../../../server/storage/FileDocumentStore.js';
import { encodeRecords } from '../../../server/storage/RecordCodec.js';
import { newDraftId } from './documentStoreContract.js';
import { faultyFiles } from './faultyFiles.js';
import { tempDataDir } from './tempDataDir.js';
import { expectedText, textEdits, textOf } from './textEdits.js';

describe('FileDocumentStore when the disk fails', () => {
  it('rejects the appends of a write that ran out of space, cuts the half-written bytes off, and accepts the retry', async () => {
    const dir = await tempDataDir();
    const draft = newDraftId();
    const edits = textEdits();
    const disk = faultyFiles();
    const warnings: string[] = [];
    const store = await FileDocumentStore.open(dir, { openFile: disk.openFile, warn: (m) => warnings.push(m) });
    for (let i = 0; i < 3; i++) await store.append(draft, edits.next());

    disk.failNext({ operation: 'write', code: 'ENOSPC', fileSuffix: 'log.bin', partial: 0.5 });
    const failing = [store.append(draft, edits.next()), store.append(draft, edits.next())];
    for (const append of failing) await expect(append).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(await readFile(draftPaths(dir, draft).log)).toEqual(encodeRecords(edits.updates.slice(0, 3)));

    // The collab server retries the same updates once the disk has room again.
    await Promise.all([store.append(draft, edits.updates[3]!), store.append(draft, edits.updates[4]!)]);
    await store.close();

    const reopened = await FileDocumentStore.open(dir, { warn: (m) => warnings.push(m) });
    expect(textOf(await reopened.load(draft))).toBe(expectedText(5));
    await reopened.close();
    expect(warnings).toEqual([]);
  });

  it('rejects appends whose fdatasync failed and keeps the log usable', async () => {
    const dir = await tempDataDir();
    const draft = newDraftId();
    const edits = textEdits();
    const disk = faultyFiles();
    const store = await FileDocumentStore.open(dir, { openFile: disk.openFile, warn: () => undefined });
    await store.append(draft, edits.next());
    disk.failNext({ operation: 'datasync', code: 'EIO', fileSuffix: 'log.bin' });
    const update = edits.next();
    await expect(store.append(draft, update)).rejects.toMatchObject({ code: 'EIO' });
    expect(store.logSize(draft)).toBe(encodeRecords(edits.updates.slice(0, 1)).byteLength);
    await store.append(draft, update);
    await store.append(draft, edits.next());
    expect(textOf(await store.load(draft))).toBe(expectedText(3));
    await store.close();
  });

  it('keeps the old snapshot and the whole log when writing a new snapshot fails', async () => {
    const dir = await tempDataDir();
    const draft = newDraftId();
    const paths = draftPaths(dir, draft);
    const edits = textEdits();
    const disk = faultyFiles();
    const store = await FileDocumentStore.open(dir, { openFile: disk.openFile, warn: () => undefined });
    for (let i = 0; i < 4; i++) await store.append(draft, edits.next());
    await store.compact(draft, Y.encodeStateAsUpdate(edits.doc));
    for (let i = 0; i < 4; i++) await store.append(draft, edits.next());
    const snapshotBefore = await readFile(paths.snapshot);
    const logBefore = await readFile(paths.log);

    disk.failNext({ operation: 'write', code: 'ENOSPC', fileSuffix: 'snapshot.bin.tmp', partial: 0.3 });
    const after = store.append(draft, edits.next());
    await expect(store.compact(draft, Y.encodeStateAsUpdate(edits.doc))).rejects.toMatchObject({ code: 'ENOSPC' });
    await after;
    expect(await readFile(paths.snapshot)).toEqual(snapshotBefore);
    expect((await readFile(paths.log)).subarray(0, logBefore.byteLength)).toEqual(logBefore);
    expect(await readdir(paths.dir)).toEqual(['log.bin', 'snapshot.bin']);

    await store.compact(draft, Y.encodeStateAsUpdate(edits.doc));
    await store.close();
    const reopened = await FileDocumentStore.open(dir, { warn: () => undefined });
    expect(textOf(await reopened.load(draft))).toBe(expectedText(9));
    await reopened.close();
  });
});
