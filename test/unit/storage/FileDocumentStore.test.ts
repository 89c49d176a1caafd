import { constants } from 'node:fs';
import { readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileDocumentStore } from '../../../server/storage/FileDocumentStore.js';
import { RECORD_HEADER_BYTES } from '../../../server/storage/RecordCodec.js';
import { newDraftId } from './documentStoreContract.js';
import { tempDataDir } from './tempDataDir.js';
import { expectedText, textEdits, textOf } from './textEdits.js';

const quiet = { warn: () => undefined };

describe('FileDocumentStore', () => {
  it('round-trips many updates through a fresh store on the same folder', async () => {
    const dir = await tempDataDir();
    const draft = newDraftId();
    const edits = textEdits();
    const store = await FileDocumentStore.open(dir, quiet);
    for (let i = 0; i < 500; i++) await store.append(draft, edits.next());
    await store.close();

    const reopened = await FileDocumentStore.open(dir, quiet);
    const loaded = await reopened.load(draft);
    await reopened.close();
    expect(loaded).toHaveLength(500);
    expect(textOf(loaded)).toBe(expectedText(500));
    const log = await readFile(path.join(dir, 'docs', draft, 'log.bin'));
    const payloadBytes = edits.updates.reduce((sum, u) => sum + u.byteLength, 0);
    expect(log.byteLength).toBe(payloadBytes + 500 * RECORD_HEADER_BYTES);
  });

  it('groups appends that arrive during a write into one fsync, resolving each only after it', async () => {
    const dir = await tempDataDir();
    const draft = newDraftId();
    const edits = textEdits();
    const updates = Array.from({ length: 1000 }, () => edits.next());
    const store = await FileDocumentStore.open(dir, quiet);
    await store.load(draft);
    const before = store.stats();

    // 50 writers, each appending its next update as soon as its previous one is durable.
    const writers = 50;
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = w; i < updates.length; i += writers) {
          const writesBefore = store.stats().logWrites;
          await store.append(draft, updates[i]!);
          expect(store.stats().logWrites).toBeGreaterThan(writesBefore);
        }
      }),
    );
    const after = store.stats();
    const logWrites = after.logWrites - before.logWrites;
    const ratio = (after.appends - before.appends) / logWrites;
    console.info(`[group commit] 1000 appends from ${writers} writers: ${logWrites} log fsyncs, ${ratio.toFixed(1)} appends per fsync`);
    expect(after.appends - before.appends).toBe(1000);
    expect(logWrites).toBeLessThan(1000 / 10);
    expect(after.fsyncs - before.fsyncs).toBe(logWrites);

    await store.close();
    const reopened = await FileDocumentStore.open(dir, quiet);
    const loaded = await reopened.load(draft);
    await reopened.close();
    expect(loaded).toHaveLength(1000);
    expect(textOf(loaded)).toBe(expectedText(1000));
  });

  it('forgets a released draft entirely and reopens it on the next call', async () => {
    const store = await FileDocumentStore.open(await tempDataDir(), quiet);
    const drafts = [newDraftId(), newDraftId(), newDraftId()];
    for (const draft of drafts) await store.append(draft, textEdits().next());
    expect(store.stats().openDrafts).toBe(3);
    expect(store.logSize(drafts[0]!)).toBeGreaterThan(0);
    await Promise.all(drafts.map((d) => store.release(d)));
    expect(store.stats().openDrafts).toBe(0);
    expect(store.logSize(drafts[0]!)).toBe(0);
    expect(await store.load(drafts[0]!)).toHaveLength(1);
    expect(store.logSize(drafts[0]!)).toBeGreaterThan(0);
    await store.close();
    expect(store.stats().openDrafts).toBe(0);
  });

  it('keeps a draft open when an append arrives while its release is queued', async () => {
    const store = await FileDocumentStore.open(await tempDataDir(), quiet);
    const draft = newDraftId();
    const edits = textEdits();
    await store.append(draft, edits.next());
    const released = store.release(draft);
    const appended = store.append(draft, edits.next());
    await Promise.all([released, appended]);
    expect(textOf(await store.load(draft))).toBe(expectedText(2));
    await store.close();
  });

  it('refuses a draft id that does not have the strict id shape, before touching the disk', async () => {
    const dir = await tempDataDir();
    const store = await FileDocumentStore.open(dir, quiet);
    for (const bad of ['../../etc/passw', 'short', 'a/b_cdefghijklmn', '']) {
      await expect(store.append(bad, new Uint8Array([1]))).rejects.toThrow(/invalid draft id/);
      await expect(store.load(bad)).rejects.toThrow(/invalid draft id/);
    }
    expect(await readdir(path.join(dir, 'docs'))).toEqual([]);
    expect(await readdir(dir)).toEqual(['docs']);
    await store.close();
  });

  it('counts fsyncs and bytes written', async () => {
    const store = await FileDocumentStore.open(await tempDataDir(), quiet);
    const draft = newDraftId();
    const update = textEdits().next();
    await store.load(draft);
    const before = store.stats();
    await store.append(draft, update);
    const after = store.stats();
    expect(after.fsyncs - before.fsyncs).toBe(1);
    expect(after.bytesWritten - before.bytesWritten).toBe(update.byteLength + RECORD_HEADER_BYTES);
    await store.close();
  });

  it('keeps an open draft’s log opened with O_DSYNC, so each log write is durable when it resolves', async () => {
    const dir = await tempDataDir();
    const store = await FileDocumentStore.open(dir, quiet);
    const draft = newDraftId();
    await store.append(draft, textEdits().next());
    const log = path.join(dir, 'docs', draft, 'log.bin');
    const flags = await openFlagsOf(log);
    expect(flags).toHaveLength(1);
    expect(flags[0]! & constants.O_DSYNC).toBe(constants.O_DSYNC);
    await store.close();
    expect(await openFlagsOf(log)).toEqual([]);
  });
});

/** The open flags of each descriptor this process holds on `file` (Linux: /proc/self/fd and fdinfo). */
async function openFlagsOf(file: string): Promise<number[]> {
  const flags: number[] = [];
  for (const fd of await readdir('/proc/self/fd')) {
    const target = await readlink(`/proc/self/fd/${fd}`).catch(() => null);
    if (target !== file) continue;
    const info = await readFile(`/proc/self/fdinfo/${fd}`, 'utf8');
    flags.push(parseInt(/^flags:\s+([0-7]+)/m.exec(info)![1]!, 8));
  }
  return flags;
}
