import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  ClauseStatusRecord,
  CommentRecord,
  DraftRecord,
  PositionRecord,
  SessionRecord,
  UserRecord,
  VersionRecord,
} from '../../../server/domain/records.js';
import type { MetadataRepositories } from '../../../server/domain/repositories.js';

/** What a contract run needs: a fresh, empty store, and (for stores that keep data) the same store opened again. */
export interface MetadataUnderTest {
  metadata: MetadataRepositories;
  /** Closes nothing: opens a second instance over the same data, as after a restart. Null for stores that keep nothing. */
  reopen: (() => Promise<MetadataRepositories>) | null;
}

const id = () => randomBytes(12).toString('base64url');
const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();

function user(fields: Partial<UserRecord> = {}): UserRecord {
  return {
    id: id(),
    email: `${id().toLowerCase()}@example.org`,
    name: 'Ana Lima',
    role: 'delegate',
    delegationId: null,
    passwordHash: 'scrypt$hash',
    active: true,
    createdAt: at(0),
    updatedAt: at(0),
    ...fields,
  };
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

function comment(draftId: string, fields: Partial<CommentRecord> = {}): CommentRecord {
  const commentId = id();
  return {
    id: commentId,
    draftId,
    clauseId: id(),
    threadId: commentId,
    parentId: null,
    authorId: id(),
    authorName: 'Ana Lima',
    authorRole: 'delegate',
    authorDelegation: 'Norway',
    body: 'We prefer “should”.',
    anchor: null,
    resolved: false,
    resolvedById: null,
    resolvedByName: null,
    resolvedAt: null,
    createdAt: at(1),
    editedAt: null,
    deletedAt: null,
    ...fields,
  };
}

function version(draftId: string, fields: Partial<VersionRecord> = {}): VersionRecord {
  return {
    id: id(),
    draftId,
    label: 'Before the session',
    kind: 'named',
    authorId: null,
    authorName: null,
    authorDelegation: null,
    createdAt: at(2),
    title: 'Code of conduct',
    snapshotSha256: 'a'.repeat(64),
    stateKey: 'b'.repeat(64),
    fingerprint: 'c'.repeat(64),
    revision: null,
    publishedAt: null,
    publishedById: null,
    publishedByName: null,
    ...fields,
  };
}

function status(draftId: string, clauseId: string, fields: Partial<ClauseStatusRecord> = {}): ClauseStatusRecord {
  return { id: id(), draftId, clauseId, status: 'agreed-ad-ref', note: '', byId: id(), byName: 'Helena Brandt', at: at(3), ...fields };
}

function position(draftId: string, clauseId: string, delegationId: string, fields: Partial<PositionRecord> = {}): PositionRecord {
  return { draftId, clauseId, delegationId, position: 'supports', text: null, byId: id(), byName: 'Lars Haugen', at: at(4), ...fields };
}

/**
 * The behaviour every implementation of the metadata repositories (server/domain/repositories.ts) owes the
 * domain. Run it once per implementation; `create` returns a fresh, empty store.
 */
export function describeMetadataRepositoriesContract(
  name: string,
  create: () => Promise<MetadataUnderTest>,
  options: { persistent: boolean },
): void {
  describe(`Metadata repositories contract: ${name}`, () => {
    const open: MetadataRepositories[] = [];
    const fresh = async (): Promise<MetadataUnderTest> => {
      const made = await create();
      open.push(made.metadata);
      return made;
    };
    const reopened = async (made: MetadataUnderTest): Promise<MetadataRepositories | null> => {
      if (!made.reopen) return null;
      await made.metadata.close();
      const again = await made.reopen();
      open.push(again);
      return again;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((m) => m.close()));
    });

    it('starts empty, and is no longer empty once a member, delegation or draft exists', async () => {
      const { metadata } = await fresh();
      expect(await metadata.isEmpty()).toBe(true);
      expect(await metadata.members.list()).toEqual([]);
      await metadata.delegations.add({ id: id(), name: 'Norway', createdAt: at(0) });
      expect(await metadata.isEmpty()).toBe(false);
    });

    it('finds members by id and by email, lists them, and replaces one with put', async () => {
      const { metadata } = await fresh();
      const ana = user();
      const ben = user({ name: 'Ben Okoro', role: 'reviewer' });
      await metadata.members.add(ana);
      await metadata.members.add(ben);
      expect(await metadata.members.get(ana.id)).toEqual(ana);
      expect(await metadata.members.findByEmail(ben.email)).toEqual(ben);
      expect(await metadata.members.findByEmail('nobody@example.org')).toBeNull();
      expect(await metadata.members.get(id())).toBeNull();
      expect((await metadata.members.list()).map((m) => m.id).sort()).toEqual([ana.id, ben.id].sort());
      await metadata.members.put({ ...ana, name: 'Ana Lima Souza', active: false });
      expect(await metadata.members.get(ana.id)).toMatchObject({ name: 'Ana Lima Souza', active: false, email: ana.email });
      expect(await metadata.members.list()).toHaveLength(2);
    });

    it('hands out copies: changing a record read changes nothing stored until it is put', async () => {
      const { metadata } = await fresh();
      const ana = user();
      await metadata.members.add(ana);
      ana.name = 'changed after adding';
      const read = (await metadata.members.get(ana.id))!;
      read.name = 'changed after reading';
      (await metadata.members.list())[0]!.role = 'secretariat';
      expect(await metadata.members.get(ana.id)).toMatchObject({ name: 'Ana Lima', role: 'delegate' });
    });

    it('tells whether another active member with a password holds a role', async () => {
      const { metadata } = await fresh();
      const helena = user({ role: 'secretariat' });
      await metadata.members.add(helena);
      expect(await metadata.members.hasOtherActive('secretariat', helena.id)).toBe(false);
      await metadata.members.add(user({ role: 'secretariat', passwordHash: null }));
      await metadata.members.add(user({ role: 'secretariat', active: false }));
      expect(await metadata.members.hasOtherActive('secretariat', helena.id)).toBe(false);
      const second = user({ role: 'secretariat' });
      await metadata.members.add(second);
      expect(await metadata.members.hasOtherActive('secretariat', helena.id)).toBe(true);
      expect(await metadata.members.hasOtherActive('secretariat', second.id)).toBe(true);
    });

    it('keeps one invitation per member: a new one replaces the old, and a used one is marked', async () => {
      const { metadata } = await fresh();
      const ana = user({ passwordHash: null });
      await metadata.members.add(ana);
      const first = { tokenHash: 'h1', userId: ana.id, createdAt: at(0), expiresAt: at(50), usedAt: null };
      await metadata.members.replaceInvitation(first);
      expect(await metadata.members.findInvitation('h1')).toEqual(first);
      await metadata.members.replaceInvitation({ ...first, tokenHash: 'h2', createdAt: at(5) });
      expect(await metadata.members.findInvitation('h1')).toBeNull();
      await metadata.members.markInvitationUsed('h2', at(6));
      expect(await metadata.members.findInvitation('h2')).toMatchObject({ userId: ana.id, usedAt: at(6) });
    });

    it('finds sessions by token hash, forgets expired ones when adding, and removes one or all of a member', async () => {
      const { metadata } = await fresh();
      const [ana, ben] = [id(), id()];
      const session = (tokenHash: string, userId: string, expiresAt: string): SessionRecord => ({
        tokenHash,
        userId,
        createdAt: at(0),
        expiresAt,
      });
      await metadata.sessions.add(session('old', ana, at(10)), at(0));
      await metadata.sessions.add(session('a1', ana, at(40)), at(20));
      expect(await metadata.sessions.find('old')).toBeNull();
      await metadata.sessions.add(session('a2', ana, at(40)), at(20));
      await metadata.sessions.add(session('b1', ben, at(40)), at(20));
      expect(await metadata.sessions.find('a1')).toEqual(session('a1', ana, at(40)));
      await metadata.sessions.remove('a1');
      expect(await metadata.sessions.find('a1')).toBeNull();
      expect(await metadata.sessions.find('a2')).not.toBeNull();
      await metadata.sessions.removeAllFor(ana);
      expect(await metadata.sessions.find('a2')).toBeNull();
      expect(await metadata.sessions.find('b1')).not.toBeNull();
    });

    it('lists a member’s unexpired sessions oldest first, keeping where each came from', async () => {
      const { metadata } = await fresh();
      const [ana, ben] = [id(), id()];
      const later: SessionRecord = {
        tokenHash: 'a-later',
        userId: ana,
        createdAt: at(12),
        expiresAt: at(50),
        id: id(),
        address: '2001:db8::7',
        browser: 'Firefox on Linux',
      };
      const earlier: SessionRecord = { ...later, tokenHash: 'a-earlier', createdAt: at(11), id: id(), browser: 'Chrome on Windows' };
      const expiring: SessionRecord = { ...later, tokenHash: 'a-expiring', createdAt: at(5), expiresAt: at(30), id: id() };
      // Older records have none of the new fields: they still list.
      const legacy: SessionRecord = { tokenHash: 'a-legacy', userId: ana, createdAt: at(1), expiresAt: at(50) };
      await metadata.sessions.add(later, at(10));
      await metadata.sessions.add(expiring, at(10));
      await metadata.sessions.add(earlier, at(10));
      await metadata.sessions.add(legacy, at(10));
      await metadata.sessions.add({ ...later, tokenHash: 'b', userId: ben, id: id() }, at(10));
      expect(await metadata.sessions.listFor(ana, at(20))).toEqual([legacy, expiring, earlier, later]);
      expect((await metadata.sessions.listFor(ana, at(30))).map((s) => s.tokenHash)).toEqual(['a-legacy', 'a-earlier', 'a-later']);
      expect(await metadata.sessions.find('a-later')).toEqual(later);
      expect(await metadata.sessions.listFor(id(), at(20))).toEqual([]);
    });

    it('finds delegations by id and by name whatever its case', async () => {
      const { metadata } = await fresh();
      const norway = { id: id(), name: 'Norway', createdAt: at(0) };
      await metadata.delegations.add(norway);
      expect(await metadata.delegations.get(norway.id)).toEqual(norway);
      expect(await metadata.delegations.findByName('NORWAY')).toEqual(norway);
      expect(await metadata.delegations.findByName('Denmark')).toBeNull();
      expect(await metadata.delegations.list()).toEqual([norway]);
    });

    it('adds, finds, lists and replaces drafts, counts included', async () => {
      const { metadata } = await fresh();
      const a = draft();
      const b = draft({ title: 'Annex', counts: { brackets: 2, options: 1 } });
      await metadata.drafts.add(a);
      await metadata.drafts.add(b);
      expect(await metadata.drafts.get(b.id)).toEqual(b);
      expect(await metadata.drafts.get(id())).toBeNull();
      await metadata.drafts.put({ ...a, title: 'Code of conduct (rev.)', archived: true, counts: { brackets: 0, options: 0 } });
      expect(await metadata.drafts.get(a.id)).toMatchObject({
        title: 'Code of conduct (rev.)',
        archived: true,
        counts: { brackets: 0, options: 0 },
      });
      expect((await metadata.drafts.list()).map((d) => d.id).sort()).toEqual([a.id, b.id].sort());
    });

    it('lists a draft’s comments in the order they were written and keeps drafts apart', async () => {
      const { metadata } = await fresh();
      const [one, two] = [id(), id()];
      const first = comment(one, { createdAt: at(5) });
      const second = comment(one, { createdAt: at(1) });
      await metadata.comments.add(first);
      await metadata.comments.add(comment(two));
      await metadata.comments.add(second);
      expect((await metadata.comments.listByDraft(one)).map((c) => c.id)).toEqual([first.id, second.id]);
      expect(await metadata.comments.get(two, first.id)).toBeNull();
      await metadata.comments.put({ ...first, body: null, deletedAt: at(9) });
      expect(await metadata.comments.get(one, first.id)).toMatchObject({ body: null, deletedAt: at(9) });
    });

    it('lists a draft’s versions oldest first (time saved, then order written), and finds its latest revision at a time', async () => {
      const { metadata } = await fresh();
      const [d, other] = [id(), id()];
      const late = version(d, { createdAt: at(30) });
      const sameTimeFirst = version(d, { createdAt: at(10) });
      const sameTimeSecond = version(d, { createdAt: at(10) });
      for (const v of [late, sameTimeFirst, sameTimeSecond, version(other)]) await metadata.versions.add(v);
      expect((await metadata.versions.listByDraft(d)).map((v) => v.id)).toEqual([sameTimeFirst.id, sameTimeSecond.id, late.id]);
      expect(await metadata.versions.get(other, late.id)).toBeNull();
      expect(await metadata.versions.latestRevision(d)).toBeNull();

      await metadata.versions.put({ ...sameTimeFirst, revision: 1, publishedAt: at(12), numbering: { c1: 'OP1' } });
      await metadata.versions.put({ ...late, revision: 2, publishedAt: at(35) });
      expect(await metadata.versions.latestRevision(d)).toMatchObject({ id: late.id, revision: 2 });
      expect(await metadata.versions.latestRevision(d, at(20))).toMatchObject({ id: sameTimeFirst.id, numbering: { c1: 'OP1' } });
      expect(await metadata.versions.latestRevision(d, at(11))).toBeNull();
      expect(await metadata.versions.latestRevision(other)).toBeNull();

      expect(await metadata.versions.remove(other, sameTimeSecond.id)).toBe(false);
      expect(await metadata.versions.remove(d, sameTimeSecond.id)).toBe(true);
      expect(await metadata.versions.listByDraft(d)).toHaveLength(2);
    });

    it('keeps each clause’s status history in order, and its status at a time', async () => {
      const { metadata } = await fresh();
      const [d, clause, other] = [id(), id(), id()];
      const agreedAdRef = status(d, clause, { at: at(3) });
      const agreed = status(d, clause, { status: 'agreed', at: at(8) });
      await metadata.negotiation.appendStatus(agreedAdRef);
      await metadata.negotiation.appendStatus(status(d, other, { at: at(4) }));
      await metadata.negotiation.appendStatus(agreed);
      await metadata.negotiation.appendStatus(status(id(), clause));
      expect((await metadata.negotiation.statusesByDraft(d)).map((s) => s.at)).toEqual([at(3), at(4), at(8)]);
      expect(await metadata.negotiation.currentStatus(d, clause)).toEqual(agreed);
      expect(await metadata.negotiation.currentStatus(d, clause, at(5))).toEqual(agreedAdRef);
      expect(await metadata.negotiation.currentStatus(d, clause, at(2))).toBeNull();
    });

    it('keeps one position per draft, clause and delegation: put replaces it, remove returns it', async () => {
      const { metadata } = await fresh();
      const [d, clause, norway, denmark] = [id(), id(), id(), id()];
      await metadata.negotiation.putPosition(position(d, clause, norway));
      await metadata.negotiation.putPosition(position(d, clause, denmark, { position: 'opposes' }));
      await metadata.negotiation.putPosition(position(d, clause, norway, { position: 'reservation', text: 'on “shall”' }));
      expect(await metadata.negotiation.positionsByDraft(d)).toHaveLength(2);
      expect(await metadata.negotiation.findPosition(d, clause, norway)).toMatchObject({ position: 'reservation', text: 'on “shall”' });
      expect(await metadata.negotiation.removePosition(d, clause, denmark)).toMatchObject({ position: 'opposes' });
      expect(await metadata.negotiation.removePosition(d, clause, denmark)).toBeNull();
      expect(await metadata.negotiation.findPosition(d, clause, denmark)).toBeNull();
    });

    it('numbers audit entries in order and pages a draft’s entries newest first', async () => {
      const { metadata } = await fresh();
      const [d, other] = [id(), id()];
      const seqs: number[] = [];
      for (let i = 1; i <= 7; i += 1) {
        const entry = await metadata.audit.append({
          at: at(i),
          actorId: null,
          action: 'clause.status',
          target: 'x',
          draftId: i === 4 ? other : d,
          detail: `#${i}`,
        });
        seqs.push(entry.seq);
      }
      await metadata.audit.append({ at: at(8), actorId: null, action: 'member.create', target: 'y' });
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(7);
      const first = await metadata.audit.pageByDraft(d, { limit: 4 });
      expect(first.map((e) => e.detail)).toEqual(['#7', '#6', '#5', '#3']);
      const second = await metadata.audit.pageByDraft(d, { before: first.at(-1)!.seq, limit: 4 });
      expect(second.map((e) => e.detail)).toEqual(['#2', '#1']);
      expect(await metadata.audit.pageByDraft(d, { before: second.at(-1)!.seq, limit: 4 })).toEqual([]);
      expect((await metadata.audit.pageByDraft(other, { limit: 10 })).map((e) => e.detail)).toEqual(['#4']);
      await metadata.audit.append({ at: at(9), actorId: null, action: 'version.publish', target: 'v', draftId: d, detail: '#9' });
      expect((await metadata.audit.pageByDraft(d, { limit: 2 })).map((e) => e.detail)).toEqual(['#9', '#7']);
      expect((await metadata.audit.pageByDraft(d, { limit: 2, actions: ['clause.status'] })).map((e) => e.detail)).toEqual(['#7', '#6']);
    });

    it('pages the whole log newest first, of the actions asked for, keeping each entry’s address', async () => {
      const { metadata } = await fresh();
      const actions = ['session.signIn', 'clause.status', 'session.signInFailed', 'member.update', 'session.signIn'];
      for (const [i, action] of actions.entries()) {
        await metadata.audit.append({
          at: at(i),
          actorId: i === 2 ? null : 'm',
          action,
          target: `#${i}`,
          ...(action === 'clause.status' ? { draftId: 'd' } : { address: `192.0.2.${i}` }),
        });
      }
      const security = ['session.signIn', 'session.signInFailed', 'member.update'];
      const first = await metadata.audit.page({ limit: 2, actions: security });
      expect(first.map((e) => e.target)).toEqual(['#4', '#3']);
      expect(first[0]).toMatchObject({ action: 'session.signIn', address: '192.0.2.4', actorId: 'm', at: at(4) });
      const second = await metadata.audit.page({ before: first.at(-1)!.seq, limit: 2, actions: security });
      expect(second.map((e) => e.target)).toEqual(['#2', '#0']);
      expect(second[0]).toMatchObject({ actorId: null, address: '192.0.2.2' });
      expect(await metadata.audit.page({ before: second.at(-1)!.seq, limit: 2, actions: security })).toEqual([]);
      expect((await metadata.audit.page({ limit: 10 })).map((e) => e.target)).toEqual(['#4', '#3', '#2', '#1', '#0']);
      expect((await metadata.audit.page({ limit: 10, actions: ['session.signIn'] })).map((e) => e.target)).toEqual(['#4', '#0']);
    });

    it('runs a transaction whose reads see its own writes, and lands all of its writes', async () => {
      const made = await fresh();
      const d = draft();
      const result = await made.metadata.transaction(async (tx) => {
        await tx.drafts.add(d);
        const seen = await tx.drafts.get(d.id);
        await tx.audit.append({ at: at(1), actorId: null, action: 'draft.create', target: d.id, draftId: d.id });
        return seen?.title;
      });
      expect(result).toBe('Code of conduct');
      const later = (await reopened(made)) ?? made.metadata;
      expect(await later.drafts.get(d.id)).toEqual(d);
      expect(await later.audit.pageByDraft(d.id, { limit: 5 })).toHaveLength(1);
    });

    it('lands none of a transaction’s writes when it throws, and passes the error on', async () => {
      const made = await fresh();
      const kept = draft();
      await made.metadata.drafts.add(kept);
      const d = draft();
      const failure = made.metadata.transaction(async (tx) => {
        await tx.drafts.add(d);
        await tx.drafts.put({ ...kept, title: 'renamed' });
        await tx.audit.append({ at: at(1), actorId: null, action: 'draft.create', target: d.id, draftId: d.id });
        throw new Error('refused half-way');
      });
      await expect(failure).rejects.toThrow('refused half-way');
      for (const metadata of [made.metadata, await reopened(made)]) {
        if (!metadata) continue;
        expect(await metadata.drafts.get(d.id)).toBeNull();
        expect(await metadata.drafts.get(kept.id)).toEqual(kept);
        expect(await metadata.audit.pageByDraft(d.id, { limit: 5 })).toEqual([]);
      }
    });

    it('runs transactions one at a time: read-then-write transactions started together lose no update', async () => {
      const { metadata } = await fresh();
      const d = draft({ counts: { brackets: 0, options: 0 } });
      await metadata.drafts.add(d);
      await Promise.all(
        Array.from({ length: 20 }, () =>
          metadata.transaction(async (tx) => {
            const current = (await tx.drafts.get(d.id))!;
            await new Promise((resolve) => setTimeout(resolve, 1));
            await tx.drafts.put({ ...current, counts: { brackets: current.counts!.brackets + 1, options: 0 } });
          }),
        ),
      );
      expect((await metadata.drafts.get(d.id))!.counts).toEqual({ brackets: 20, options: 0 });
    });

    if (!options.persistent) return;

    it('keeps every kind of record across a restart', async () => {
      const made = await fresh();
      expect(made.reopen).not.toBeNull();
      const ana = user();
      const d = draft({ counts: { brackets: 1, options: 2 } });
      const v = version(d.id, {
        numbering: { c1: 'PP1' },
        negotiation: { numbering: null, delegations: { n: 'Norway' }, statuses: {}, positions: {} },
      });
      await made.metadata.members.add(ana);
      await made.metadata.sessions.add({ tokenHash: 's', userId: ana.id, createdAt: at(0), expiresAt: at(59) }, at(0));
      await made.metadata.drafts.add(d);
      await made.metadata.comments.add(comment(d.id));
      await made.metadata.versions.add(v);
      await made.metadata.negotiation.appendStatus(status(d.id, 'c1'));
      await made.metadata.negotiation.putPosition(position(d.id, 'c1', 'n'));
      const entry = await made.metadata.audit.append({ at: at(1), actorId: ana.id, action: 'clause.status', target: 'c1', draftId: d.id });
      const again = (await reopened(made))!;
      expect(await again.members.get(ana.id)).toEqual(ana);
      expect(await again.sessions.find('s')).not.toBeNull();
      expect(await again.drafts.get(d.id)).toEqual(d);
      expect(await again.comments.listByDraft(d.id)).toHaveLength(1);
      expect(await again.versions.get(d.id, v.id)).toEqual(v);
      expect(await again.negotiation.currentStatus(d.id, 'c1')).not.toBeNull();
      expect(await again.negotiation.findPosition(d.id, 'c1', 'n')).not.toBeNull();
      expect(await again.audit.pageByDraft(d.id, { limit: 1 })).toEqual([entry]);
      const next = await again.audit.append({ at: at(2), actorId: null, action: 'clause.status', target: 'c1', draftId: d.id });
      expect(next.seq).toBeGreaterThan(entry.seq);
    });
  });
}
