import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditRecord, CommentRecord, DraftRecord, SessionRecord, UserRecord } from '../../../server/domain/records.js';
import type { Repositories } from '../../../server/domain/repositories.js';
import { migrate } from '../../../server/storage/postgres/migrations.js';
import { PgMetadata } from '../../../server/storage/postgres/PgMetadata.js';
import { poolOn } from '../../helpers/migratedPool.js';
import { freshDatabase } from '../../helpers/postgres.js';

const id = () => randomBytes(12).toString('base64url');
const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `count` PgMetadata instances on one new, migrated database, each on a pool of its own: as many server
 * processes sharing the database. Pools end when the test ends.
 */
async function processes(count: number): Promise<PgMetadata[]> {
  const url = await freshDatabase();
  // poolOn's pools ignore idle connections cut as the database is dropped at the end (else an uncaught error).
  const pools = Array.from({ length: count }, () => poolOn(url, { max: 10 }));
  await migrate(pools[0]!);
  return pools.map((pool) => new PgMetadata(pool));
}

function draft(fields: Partial<DraftRecord> = {}): DraftRecord {
  return {
    id: id(),
    title: 'Code of conduct',
    archived: false,
    template: 'blank',
    createdBy: null,
    createdAt: at(0),
    updatedAt: at(0),
    ...fields,
  };
}

function member(email: string): UserRecord {
  return {
    id: id(),
    email,
    name: 'Ana Lima',
    role: 'delegate',
    delegationId: null,
    passwordHash: null,
    active: true,
    createdAt: at(0),
    updatedAt: at(0),
  };
}

const entry = (draftId: string, detail: string): AuditRecord => ({
  at: at(1),
  actorId: null,
  action: 'clause.status',
  target: 'c1',
  draftId,
  detail,
});

/** Reads, waits a little (so a concurrent transaction could slip in), then adds if nothing was found. */
async function addIfFree<T>(find: () => Promise<T | null>, add: () => Promise<void>): Promise<void> {
  if (await find()) throw new Error('TAKEN');
  await sleep(30);
  await add();
}

describe('PgMetadata shared by several processes', () => {
  it('numbers audit entries appended together by two processes 1..N, each once, and gives back the numbers of rolled-back appends', async () => {
    const [a, b] = await processes(2);
    const d = id();
    const appends = 40;
    const appended = Promise.all(Array.from({ length: appends }, (_, i) => [a, b][i % 2]!.audit.append(entry(d, `#${i}`))));
    const rolledBack = Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        [a, b][i % 2]!.transaction(async (tx) => {
          await tx.audit.append(entry(d, 'rolled back'));
          throw new Error('refused');
        }),
      ),
    );
    const entries = await appended;
    expect((await rolledBack).map((result) => result.status)).toEqual(Array<string>(6).fill('rejected'));

    const numbers = Array.from({ length: appends }, (_, i) => i + 1);
    expect(entries.map((e) => e.seq).sort((x, y) => x - y)).toEqual(numbers);
    const log = await b!.audit.pageByDraft(d, { limit: 100 });
    expect(log.map((e) => e.seq)).toEqual(numbers.toReversed());
    expect(log.map((e) => e.detail)).not.toContain('rolled back');
    // What each append returned is what the log holds under its number.
    expect([...log].sort((x, y) => x.seq - y.seq)).toEqual([...entries].sort((x, y) => x.seq - y.seq));
    expect((await a!.audit.append(entry(d, 'next'))).seq).toBe(appends + 1);
  });

  it('lets only one of two processes’ read-then-write transactions add a delegation whose name was free', async () => {
    const [a, b] = await processes(2);
    // No database constraint backs delegation names: only running the transactions one at a time can.
    const addNamed = (metadata: PgMetadata, name: string) =>
      metadata.transaction((tx) =>
        addIfFree(
          () => tx.delegations.findByName(name),
          () => tx.delegations.add({ id: id(), name, createdAt: at(0) }),
        ),
      );
    const results = await Promise.allSettled([addNamed(a!, 'Norway'), addNamed(b!, 'NORWAY')]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: new Error('TAKEN') });
    expect(await a!.delegations.list()).toHaveLength(1);
  });

  it('lets only one of two processes’ read-then-write transactions add a member whose email was free', async () => {
    const [a, b] = await processes(2);
    const addMember = (metadata: PgMetadata) =>
      metadata.transaction((tx: Repositories) =>
        addIfFree(
          () => tx.members.findByEmail('ana@example.org'),
          () => tx.members.add(member('ana@example.org')),
        ),
      );
    const results = await Promise.allSettled([addMember(a!), addMember(b!)]);
    // The loser learns it from its own read (TAKEN), not from the unique index refusing its insert.
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: new Error('TAKEN') });
    expect(await b!.members.list()).toHaveLength(1);
  });

  it('makes a write from another process wait for a transaction under way, and shows it the transaction’s writes after', async () => {
    const [a, b] = await processes(2);
    const d = draft();
    let finish!: () => void;
    const held = new Promise<void>((resolve) => (finish = resolve));
    let started!: () => void;
    const inside = new Promise<void>((resolve) => (started = resolve));
    const transaction = a!.transaction(async (tx) => {
      await tx.drafts.add(d);
      started();
      await held;
    });
    await inside;
    let written = false;
    const write = b!.audit.append(entry(d.id, 'from b')).then(() => (written = true));
    try {
      await sleep(200);
      expect(written).toBe(false);
      expect(await b!.drafts.get(d.id)).toBeNull();
    } finally {
      // Let the transaction end even when an expectation failed: its connection would keep the pool open.
      finish();
    }
    await Promise.all([transaction, write]);
    expect(await b!.drafts.get(d.id)).toEqual(d);
  });

  it('finds a session added by another process, and forgets another process’s expired sessions when adding one', async () => {
    const [a, b] = await processes(2);
    const userId = id();
    const session = (tokenHash: string, expiresAt: string): SessionRecord => ({ tokenHash, userId, createdAt: at(0), expiresAt });
    await a!.sessions.add(session('short', at(10)), at(0));
    await a!.sessions.add(session('long', at(50)), at(0));
    expect(await b!.sessions.find('long')).toEqual(session('long', at(50)));
    expect(await b!.sessions.find('short')).not.toBeNull();
    await b!.sessions.add(session('later', at(50)), at(20));
    expect(await a!.sessions.find('short')).toBeNull();
    expect(await a!.sessions.find('long')).not.toBeNull();
    expect(await a!.sessions.find('later')).not.toBeNull();
  });

  it('is empty only until the first write of any kind', async () => {
    const [a, b] = await processes(2);
    expect(await a!.isEmpty()).toBe(true);
    await b!.audit.append({ at: at(0), actorId: null, action: 'member.create', target: 'x' });
    expect(await a!.isEmpty()).toBe(false);
  });
});

describe('PgMetadata records', () => {
  it('reads back exactly what was written: fields left out stay out, and any character survives', async () => {
    const [metadata] = await processes(1);
    const d = draft();
    const commentId = id();
    const comment: CommentRecord = {
      id: commentId,
      draftId: d.id,
      clauseId: id(),
      threadId: commentId,
      parentId: null,
      authorId: id(),
      authorName: 'Ana Lima',
      authorRole: 'delegate',
      authorDelegation: null,
      body: 'On “shall” 🙂',
      // A quoted passage comes from the document, which may hold characters a form would refuse.
      anchor: { start: 'AQ==', end: 'Ag==', quote: 'a\u0000b\u001f "c" \\ d' },
      resolved: false,
      resolvedById: null,
      resolvedByName: null,
      resolvedAt: null,
      createdAt: at(1),
      editedAt: null,
      deletedAt: null,
    };
    await metadata!.drafts.add({ ...d, counts: undefined });
    await metadata!.comments.add(comment);
    const read = await metadata!.drafts.get(d.id);
    expect(read).toStrictEqual(d);
    expect(Object.keys(read!)).not.toContain('counts');
    expect(await metadata!.comments.get(d.id, commentId)).toStrictEqual(comment);
  });

  it('refuses a write through the outer repositories from inside a transaction, and any write once closed', async () => {
    const [metadata] = await processes(1);
    const outer = metadata!;
    await expect(outer.transaction(() => outer.drafts.add(draft()))).rejects.toThrow('through the repositories the transaction passed in');
    await expect(outer.transaction((tx) => outer.transaction(() => tx.drafts.list()))).rejects.toThrow(
      'through the repositories the transaction passed in',
    );
    expect(await outer.drafts.list()).toEqual([]);
    await outer.close();
    await expect(outer.drafts.add(draft())).rejects.toThrow('closed');
  });
});
