import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorruptMetadataError } from '../../../server/storage/AtomicJsonFile.js';
import { LowdbMetadata, METADATA_FILE } from '../../../server/storage/metadata/LowdbMetadata.js';
import { InvalidMetadataError } from '../../../server/storage/metadata/metadataFile.js';
import { tempDataDir } from './tempDataDir.js';

const NOW = '2026-12-01T09:00:00.000Z';
const member = {
  id: 'm1',
  email: 'ana@example.org',
  name: 'Ana',
  role: 'delegate',
  delegationId: null,
  passwordHash: null,
  active: true,
  createdAt: NOW,
  updatedAt: NOW,
};

async function withFile(content: unknown): Promise<string> {
  const dir = await tempDataDir();
  await writeFile(path.join(dir, METADATA_FILE), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

describe('LowdbMetadata: reading metadata.json', () => {
  it('refuses a file whose records do not hold what they must, naming each problem by its place and the record’s id', async () => {
    const dir = await withFile({
      schemaVersion: 1,
      users: [member, { ...member, id: 'm2', role: 'president' }, { ...member, id: 'm3', createdAt: 'yesterday' }],
      drafts: [{ id: 'd1', title: 7 }],
    });
    const error = await LowdbMetadata.open(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidMetadataError);
    const message = (error as Error).message;
    expect(message).toContain(path.join(dir, METADATA_FILE));
    expect(message).toMatch(/users\[1\]\.role \(id m2\): /);
    expect(message).toMatch(/users\[2\]\.createdAt \(id m3\): not a date and time/);
    expect(message).toMatch(/drafts\[0\]\.title \(id d1\): /);
    expect(message).toContain('nothing is overwritten');
    // Refused, not repaired: the file is as it was.
    expect(JSON.parse(await readFile(path.join(dir, METADATA_FILE), 'utf8')).users).toHaveLength(3);
  });

  it('refuses a file of another schema version, or not a workspace at all', async () => {
    for (const content of [{ schemaVersion: 2, users: [] }, [], '"a string"', { schemaVersion: 1, users: {} }]) {
      const error = await LowdbMetadata.open(await withFile(content)).catch((e: unknown) => e);
      expect(error, JSON.stringify(content)).toBeInstanceOf(InvalidMetadataError);
    }
  });

  it('refuses an audit log whose numbers do not rise along it (paging would skip or repeat entries)', async () => {
    const entry = (seq: number) => ({ seq, at: NOW, actorId: null, action: 'clause.status', target: 'c', draftId: 'd1' });
    for (const audit of [
      [entry(1), entry(1)],
      [entry(2), entry(1)],
    ]) {
      const error = await LowdbMetadata.open(await withFile({ schemaVersion: 1, audit })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidMetadataError);
      expect((error as Error).message).toMatch(/audit\[1\]\.seq: \d does not follow \d/);
    }
  });

  it('refuses a file that is not JSON', async () => {
    await expect(LowdbMetadata.open(await withFile('{"schemaVersion": 1, "users": ['))).rejects.toBeInstanceOf(CorruptMetadataError);
  });

  it('opens a file written before some collections existed, keeps fields it does not know, and numbers old audit entries in order', async () => {
    const dir = await withFile({
      schemaVersion: 1,
      users: [{ ...member, addedByANewerServer: 'kept' }],
      audit: [
        { at: NOW, actorId: null, action: 'clause.status', target: 'c', draftId: 'd1', detail: 'first' },
        { at: NOW, actorId: null, action: 'clause.status', target: 'c', draftId: 'd1', detail: 'second' },
      ],
    });
    const metadata = await LowdbMetadata.open(dir);
    expect(await metadata.negotiation.positionsByDraft('d1')).toEqual([]);
    expect((await metadata.audit.pageByDraft('d1', { limit: 5 })).map((e) => [e.seq, e.detail])).toEqual([
      [2, 'second'],
      [1, 'first'],
    ]);
    expect((await metadata.audit.append({ at: NOW, actorId: null, action: 'clause.status', target: 'c', draftId: 'd1' })).seq).toBe(3);
    await metadata.close();
    const stored = JSON.parse(await readFile(path.join(dir, METADATA_FILE), 'utf8'));
    expect(stored.users[0].addedByANewerServer).toBe('kept');
    expect(stored.audit.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3]);
  });
});

describe('LowdbMetadata: writing', () => {
  it('rejects a write the disk refuses and keeps nothing of it, in memory or on disk', async () => {
    const dir = await tempDataDir();
    const metadata = await LowdbMetadata.open(dir);
    await metadata.drafts.add({
      id: 'd1',
      title: 'Kept',
      archived: false,
      template: 'blank',
      createdBy: null,
      createdAt: NOW,
      updatedAt: NOW,
    });
    // The temporary file the write goes through cannot be created where a folder of that name stands.
    const blocker = path.join(dir, `${METADATA_FILE}.${process.pid}.tmp`);
    await mkdir(blocker);
    const write = metadata.transaction(async (tx) => {
      await tx.drafts.put({ ...(await tx.drafts.get('d1'))!, title: 'Lost' });
      await tx.drafts.add({
        id: 'd2',
        title: 'Lost too',
        archived: false,
        template: 'blank',
        createdBy: null,
        createdAt: NOW,
        updatedAt: NOW,
      });
    });
    await expect(write).rejects.toThrow();
    expect((await metadata.drafts.get('d1'))!.title).toBe('Kept');
    expect(await metadata.drafts.get('d2')).toBeNull();
    await rm(blocker, { recursive: true });
    // The next write works and carries nothing of the failed one.
    await metadata.audit.append({ at: NOW, actorId: null, action: 'draft.rename', target: 'd1' });
    await metadata.close();
    const stored = JSON.parse(await readFile(path.join(dir, METADATA_FILE), 'utf8'));
    expect(stored.drafts.map((d: { title: string }) => d.title)).toEqual(['Kept']);
  });

  it('rewrites the file once per transaction that wrote, and not for one that only read', async () => {
    const dir = await tempDataDir();
    const file = path.join(dir, METADATA_FILE);
    const metadata = await LowdbMetadata.open(dir);
    await metadata.delegations.add({ id: 'n', name: 'Norway', createdAt: NOW });
    // Each rewrite renames a new file over the old one: a new inode.
    const written = (await stat(file)).ino;
    expect(await metadata.transaction(async (tx) => (await tx.delegations.get('n'))?.name)).toBe('Norway');
    expect((await stat(file)).ino).toBe(written);
    await metadata.transaction(async (tx) => {
      await tx.delegations.add({ id: 'd', name: 'Denmark', createdAt: NOW });
      await tx.audit.append({ at: NOW, actorId: null, action: 'delegation.create', target: 'd' });
    });
    expect((await stat(file)).ino).not.toBe(written);
    await metadata.close();
  });

  it('refuses a write through the outer repositories from inside a transaction (it would wait for itself)', async () => {
    const metadata = await LowdbMetadata.inMemory();
    const attempt = metadata.transaction(async () => {
      await metadata.delegations.add({ id: 'x', name: 'Norway', createdAt: NOW });
    });
    await expect(attempt).rejects.toThrow(/through the repositories the transaction passed in/);
    expect(await metadata.delegations.list()).toEqual([]);
  });
});
