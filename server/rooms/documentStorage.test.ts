import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { readTitle } from '../../shared/doc/schema.js';
import { MemoryDocumentStore } from '../storage/MemoryDocumentStore.js';
import { createDocumentStorage } from './documentStorage.js';

const DRAFT = 'AAAAAAAAAAAAAAAA';
const quiet = { warn: () => {}, error: () => {} };
const starter = { title: 'Starter', clauses: [{ kind: 'operative' as const, heading: 'One', paragraphs: ['Text.'] }] };

function setup(template: 'starter' | 'blank', compactAfterBytes = 1024) {
  const seedFor = () => Promise.resolve(template === 'starter' ? { ...starter, title: 'My draft' } : { title: 'My draft', clauses: [] });
  const documents = new MemoryDocumentStore();
  const storage = createDocumentStorage({ documents, seedFor, log: quiet, compactAfterBytes });
  return { storage, documents };
}

async function load(storage: ReturnType<typeof setup>['storage']): Promise<Y.Doc> {
  const document = new Y.Doc();
  await storage.load(DRAFT, document);
  return document;
}

describe('document storage for rooms', () => {
  it('seeds a new draft from its template under the draft’s title, persisted before load returns', async () => {
    const { storage, documents } = setup('starter');
    const first = await load(storage);
    expect(readTitle(first)).toBe('My draft');
    expect(readOrderedClauses(first).map((c) => c.heading.toString())).toEqual(['One']);
    expect(await documents.load(DRAFT)).toHaveLength(1);
    const second = await load(storage);
    expect(readOrderedClauses(second).map((c) => c.id)).toEqual(readOrderedClauses(first).map((c) => c.id));
  });

  it('seeds a blank draft with its title only', async () => {
    const { storage } = setup('blank');
    const doc = await load(storage);
    expect(readTitle(doc)).toBe('My draft');
    expect(readOrderedClauses(doc)).toEqual([]);
  });

  it('compacts the log once it passes the threshold, and on unload, then release the draft', async () => {
    const { storage, documents } = setup('blank', 1000);
    const doc = await load(storage);
    const snapshot = () => Y.encodeStateAsUpdate(doc);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    doc.getText('t').insert(0, 'x'.repeat(600));
    await storage.store(DRAFT, updates[0]!, snapshot);
    expect(documents.logSize(DRAFT)).toBeGreaterThan(0);
    doc.getText('t').insert(0, 'y'.repeat(600));
    await storage.store(DRAFT, updates[1]!, snapshot);
    await new Promise((resolve) => setImmediate(resolve));
    expect(documents.logSize(DRAFT)).toBe(0);
    expect(await documents.load(DRAFT)).toHaveLength(1);

    doc.getText('t').insert(0, 'z');
    await storage.store(DRAFT, updates[2]!, snapshot);
    await storage.unload(DRAFT, snapshot, true);
    const stored = await documents.load(DRAFT);
    expect(stored).toHaveLength(1);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, stored[0]!);
    expect(reloaded.getText('t').length).toBe(1201);
  });

  it('leaves the log as it is when unloading a room that stored nothing (a draft that was only read)', async () => {
    const { storage, documents } = setup('blank', 1 << 20);
    const doc = await load(storage);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    doc.getText('t').insert(0, 'x');
    await storage.store(DRAFT, updates[0]!, () => Y.encodeStateAsUpdate(doc));
    await storage.unload(DRAFT, () => Y.encodeStateAsUpdate(doc), false);
    expect(await documents.load(DRAFT)).toHaveLength(2);
  });

  it('never writes a snapshot the room refuses to give (a tainted document)', async () => {
    const { storage, documents } = setup('blank', 0);
    const doc = await load(storage);
    doc.getText('t').insert(0, 'x');
    await storage.store(DRAFT, Y.encodeStateAsUpdate(doc), () => null);
    await storage.unload(DRAFT, () => null, true);
    expect(await documents.load(DRAFT)).toHaveLength(2);
  });
});
