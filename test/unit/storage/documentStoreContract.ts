import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentStore } from '../../../server/storage/DocumentStore.js';
import { expectedText, textEdits, textOf } from './textEdits.js';

/** A fresh draft id with the shape shared/ids.ts accepts. */
export function newDraftId(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * The behaviour every DocumentStore implementation owes the collab server. Run it once per
 * implementation; `create` returns a fresh, empty store.
 */
export function describeDocumentStoreContract(name: string, create: () => Promise<DocumentStore>): void {
  describe(`DocumentStore contract: ${name}`, () => {
    const open: DocumentStore[] = [];
    const fresh = async () => {
      const store = await create();
      open.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
    });

    it('loads a draft that was never written as an empty list', async () => {
      const store = await fresh();
      expect(await store.load(newDraftId())).toEqual([]);
    });

    it('loads appended updates back byte for byte and in order', async () => {
      const store = await fresh();
      const draft = newDraftId();
      const edits = textEdits();
      for (let i = 0; i < 20; i++) await store.append(draft, edits.next());
      const loaded = await store.load(draft);
      expect(loaded.map((u) => Buffer.from(u).toString('hex'))).toEqual(edits.updates.map((u) => Buffer.from(u).toString('hex')));
      expect(textOf(loaded)).toBe(expectedText(20));
    });

    it('keeps drafts apart', async () => {
      const store = await fresh();
      const [a, b] = [newDraftId(), newDraftId()];
      const editsA = textEdits();
      const editsB = textEdits();
      await Promise.all([store.append(a, editsA.next()), store.append(b, editsB.next()), store.append(b, editsB.next())]);
      expect(await store.load(a)).toHaveLength(1);
      expect(textOf(await store.load(b))).toBe(expectedText(2));
    });

    it('does not change what it stored when the caller reuses its buffer', async () => {
      const store = await fresh();
      const draft = newDraftId();
      const update = textEdits().next();
      const buffer = update.slice();
      await store.append(draft, buffer);
      buffer.fill(0);
      expect(Buffer.from((await store.load(draft))[0]!)).toEqual(Buffer.from(update));
    });

    it('replaces earlier updates by the compacted state and keeps later appends after it', async () => {
      const store = await fresh();
      const draft = newDraftId();
      const edits = textEdits();
      for (let i = 0; i < 10; i++) await store.append(draft, edits.next());
      expect(store.logSize(draft)).toBeGreaterThan(0);
      await store.compact(draft, Y.encodeStateAsUpdate(edits.doc));
      expect(store.logSize(draft)).toBe(0);
      await store.append(draft, edits.next());
      expect(store.logSize(draft)).toBeGreaterThan(0);
      const loaded = await store.load(draft);
      expect(loaded).toHaveLength(2);
      expect(textOf(loaded)).toBe(expectedText(11));
    });

    it('takes calls for one draft in call order: appends before compact are covered, those after follow it', async () => {
      const store = await fresh();
      const draft = newDraftId();
      const edits = textEdits();
      const pending: Promise<void>[] = [];
      for (let i = 0; i < 5; i++) pending.push(store.append(draft, edits.next()));
      pending.push(store.compact(draft, Y.encodeStateAsUpdate(edits.doc)));
      for (let i = 0; i < 3; i++) pending.push(store.append(draft, edits.next()));
      await Promise.all(pending);
      const loaded = await store.load(draft);
      expect(loaded).toHaveLength(1 + 3);
      expect(loaded.slice(1).map((u) => Buffer.from(u))).toEqual(edits.updates.slice(5).map((u) => Buffer.from(u)));
      expect(textOf(loaded)).toBe(expectedText(8));
    });

    it('still has everything after a draft is released, and accepts appends again', async () => {
      const store = await fresh();
      const draft = newDraftId();
      const edits = textEdits();
      const first = store.append(draft, edits.next());
      await store.release(draft);
      await first;
      await store.append(draft, edits.next());
      await store.release(draft);
      expect(textOf(await store.load(draft))).toBe(expectedText(2));
    });

    it('has no client id owners for a new draft, and gives recorded ones back in order, per draft', async () => {
      const store = await fresh();
      const [a, b] = [newDraftId(), newDraftId()];
      expect(await store.loadClientIdOwners(a)).toEqual([]);
      await store.addClientIdOwners(a, [{ clientId: 7, memberId: 'member-one' }]);
      await store.addClientIdOwners(a, [
        { clientId: 2 ** 32 - 1, memberId: 'member-two' },
        { clientId: 0, memberId: 'member-one' },
      ]);
      await store.addClientIdOwners(b, [{ clientId: 7, memberId: 'member-three' }]);
      expect(await store.loadClientIdOwners(a)).toEqual([
        { clientId: 7, memberId: 'member-one' },
        { clientId: 2 ** 32 - 1, memberId: 'member-two' },
        { clientId: 0, memberId: 'member-one' },
      ]);
      expect(await store.loadClientIdOwners(b)).toEqual([{ clientId: 7, memberId: 'member-three' }]);
    });

    it('keeps client id owners through compaction and release', async () => {
      const store = await fresh();
      const draft = newDraftId();
      const edits = textEdits();
      await store.append(draft, edits.next());
      await store.addClientIdOwners(draft, [{ clientId: 11, memberId: 'm' }]);
      await store.compact(draft, Y.encodeStateAsUpdate(edits.doc));
      await store.release(draft);
      expect(await store.loadClientIdOwners(draft)).toEqual([{ clientId: 11, memberId: 'm' }]);
      expect(textOf(await store.load(draft))).toBe(expectedText(1));
    });

    it('rejects loads and writes after it is closed', async () => {
      const store = await fresh();
      await store.close();
      const draft = newDraftId();
      await expect(store.load(draft)).rejects.toThrow(/closed/);
      await expect(store.append(draft, textEdits().next())).rejects.toThrow(/closed/);
      await expect(store.compact(draft, new Uint8Array([0, 0]))).rejects.toThrow(/closed/);
      await expect(store.loadClientIdOwners(draft)).rejects.toThrow(/closed/);
      await expect(store.addClientIdOwners(draft, [{ clientId: 1, memberId: 'm' }])).rejects.toThrow(/closed/);
    });
  });
}
