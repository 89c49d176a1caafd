import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { VersionView } from '../../shared/api/versions.js';
import { addClause } from '../../shared/doc/addClause.js';
import { LowdbMetadata } from '../storage/metadata/LowdbMetadata.js';
import { AppError } from './AppError.js';
import { LocalDraftEventBus } from './DraftEventBus.js';
import type { UserRecord, VersionRecord } from './records.js';
import { RESTORE_ATTEMPTS, restoreVersion, type VersionWriter } from './restoreVersion.js';

const DRAFT = 'draftAAAAAAAAAAA';
const user = { id: 'secretariat00000', name: 'Secretariat', role: 'secretariat' } as UserRecord;

function record(id: string): VersionRecord {
  return {
    id,
    draftId: DRAFT,
    label: id,
    kind: 'named',
    authorId: null,
    authorName: null,
    authorDelegation: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    title: 'T',
    snapshotSha256: '',
    stateKey: '',
    fingerprint: '',
    revision: null,
    publishedAt: null,
    publishedById: null,
    publishedByName: null,
  };
}

/** A live draft, a metadata store holding the version to restore, and a writer that records backups. */
async function setup() {
  const live = new Y.Doc();
  addClause(live, { kind: 'operative', heading: 'Live', paragraphs: ['Live text.'] });
  const metadata = await LowdbMetadata.inMemory();
  await metadata.versions.add(record('versionToRestore'));
  const saved: VersionRecord[] = [];
  const discarded: string[] = [];
  const writer: VersionWriter = {
    save: async () => {
      saved.push(record(`backup${saved.length}`));
      return saved[saved.length - 1]!;
    },
    discard: async (r) => void discarded.push(r.id),
    announce: (view: VersionView) => view,
    readSnapshot: async () => Y.encodeStateAsUpdate(new Y.Doc()),
  };
  const text = () => JSON.stringify([live.getArray('order').toJSON(), live.getMap('clauses').toJSON()]);
  return { live, metadata, saved, discarded, writer, text };
}

describe('restoreVersion', () => {
  it('holds the document still for the backup and the restore, and restores at the first attempt', async () => {
    const { live, metadata, saved, discarded, writer } = await setup();
    let holding = false;
    const heldAround: boolean[] = [];
    const documents = {
      read: async <T>(_id: string, read: (doc: Y.Doc) => T) => (heldAround.push(holding), read(live)),
      change: async <T>(_id: string, change: (doc: Y.Doc) => T) => (heldAround.push(holding), change(live)),
      hold: async <T>(_id: string, work: () => Promise<T>) => {
        holding = true;
        try {
          return await work();
        } finally {
          holding = false;
        }
      },
    };
    const deps = { metadata, documents, events: new LocalDraftEventBus(), clock: () => new Date() };
    const result = await restoreVersion(writer, deps, { draftId: DRAFT, versionId: 'versionToRestore', user });
    expect(result.restored.id).toBe('versionToRestore');
    expect(heldAround).toEqual([true, true]);
    expect(saved).toHaveLength(1);
    expect(discarded).toEqual([]);
    expect(live.getArray('order').length).toBe(0);
  });

  it('gives up with DRAFT_BUSY, keeping no backup and changing nothing, when server changes land between every backup and restore', async () => {
    const { live, metadata, saved, discarded, writer, text } = await setup();
    const before = text();
    const documents = {
      read: async <T>(_id: string, read: (doc: Y.Doc) => T) => read(live),
      // Another change of the server's own lands between the backup and the restore, every time.
      change: async <T>(_id: string, change: (doc: Y.Doc) => T) => {
        live.getMap('meta').set('settled', Math.random());
        return change(live);
      },
      hold: <T>(_id: string, work: () => Promise<T>) => work(),
    };
    const deps = { metadata, documents, events: new LocalDraftEventBus(), clock: () => new Date() };
    const attempt = restoreVersion(writer, deps, { draftId: DRAFT, versionId: 'versionToRestore', user });
    await expect(attempt).rejects.toThrow(AppError);
    await attempt.catch((error: AppError) => expect(error.code).toBe('DRAFT_BUSY'));
    expect(saved).toHaveLength(RESTORE_ATTEMPTS);
    expect(discarded).toEqual(saved.map((r) => r.id));
    expect(text()).toBe(before);
  });
});
