import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { readTitle } from '../../shared/doc/schema.js';
import type { Services } from '../domain/Services.js';
import type { DraftRecord } from '../storage/MetadataSchema.js';
import { MemoryDocumentStore } from '../storage/MemoryDocumentStore.js';
import { createDraftHooks } from './draftHooks.js';

const DRAFT = 'AAAAAAAAAAAAAAAA';
const quiet = { warn: () => {}, error: () => {} };
const starter = { title: 'Starter', clauses: [{ kind: 'operative' as const, heading: 'One', paragraphs: ['Text.'] }] };

function setup(template: DraftRecord['template'], compactAfterBytes = 1024) {
  const draft = { id: DRAFT, title: 'My draft', template } as DraftRecord;
  const services = { drafts: { get: () => draft, exists: () => true } } as unknown as Services;
  const documents = new MemoryDocumentStore();
  const hooks = createDraftHooks({ services, documents, starter, log: quiet, compactAfterBytes });
  return { hooks, documents };
}

async function load(hooks: ReturnType<typeof setup>['hooks']): Promise<Y.Doc> {
  const document = new Y.Doc();
  await hooks.load({ draftId: DRAFT, document });
  return document;
}

describe('the draft hooks', () => {
  it('seed a new draft from its template under the draft’s title, persisted before load returns', async () => {
    const { hooks, documents } = setup('starter');
    const first = await load(hooks);
    expect(readTitle(first)).toBe('My draft');
    expect(readOrderedClauses(first).map((c) => c.heading.toString())).toEqual(['One']);
    expect(await documents.load(DRAFT)).toHaveLength(1);
    const second = await load(hooks);
    expect(readOrderedClauses(second).map((c) => c.id)).toEqual(readOrderedClauses(first).map((c) => c.id));
  });

  it('seed a blank draft with its title only', async () => {
    const { hooks } = setup('blank');
    const doc = await load(hooks);
    expect(readTitle(doc)).toBe('My draft');
    expect(readOrderedClauses(doc)).toEqual([]);
  });

  it('compact the log once it passes the threshold, and on unload, then release the draft', async () => {
    const { hooks, documents } = setup('blank', 1000);
    const doc = await load(hooks);
    const snapshot = () => Y.encodeStateAsUpdate(doc);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    doc.getText('t').insert(0, 'x'.repeat(600));
    await hooks.store({ draftId: DRAFT, update: updates[0]!, snapshot });
    expect(documents.logSize(DRAFT)).toBeGreaterThan(0);
    doc.getText('t').insert(0, 'y'.repeat(600));
    await hooks.store({ draftId: DRAFT, update: updates[1]!, snapshot });
    await new Promise((resolve) => setImmediate(resolve));
    expect(documents.logSize(DRAFT)).toBe(0);
    expect(await documents.load(DRAFT)).toHaveLength(1);

    doc.getText('t').insert(0, 'z');
    await hooks.store({ draftId: DRAFT, update: updates[2]!, snapshot });
    await hooks.unload({ draftId: DRAFT, snapshot });
    const stored = await documents.load(DRAFT);
    expect(stored).toHaveLength(1);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, stored[0]!);
    expect(reloaded.getText('t').length).toBe(1201);
  });

  it('never write a snapshot the room refuses to give (a tainted document)', async () => {
    const { hooks, documents } = setup('blank', 0);
    const doc = await load(hooks);
    doc.getText('t').insert(0, 'x');
    await hooks.store({ draftId: DRAFT, update: Y.encodeStateAsUpdate(doc), snapshot: () => null });
    await hooks.unload({ draftId: DRAFT, snapshot: () => null });
    expect(await documents.load(DRAFT)).toHaveLength(2);
  });
});
