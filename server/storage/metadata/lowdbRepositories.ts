import type {
  AuditPageQuery,
  AuditRepository,
  CommentRepository,
  DelegationRepository,
  DraftRepository,
  MemberRepository,
  NegotiationRepository,
  Repositories,
  SessionRepository,
  VersionRepository,
} from '../../domain/repositories.js';
import type { AuditEntry, PositionRecord } from '../../domain/records.js';
import type { MetadataFile } from './metadataFile.js';

/** How the repositories reach the tables: the current data, and a way to change it (alone, or inside a transaction). */
export interface TableAccess {
  data: () => MetadataFile;
  write: <T>(change: (data: MetadataFile) => T) => Promise<T>;
}

/** Records leave and enter the tables as copies, so nothing outside can change a table without a write. */
const copy = <T>(value: T): T => structuredClone(value);
const found = <T>(value: T | undefined): Promise<T | null> => Promise.resolve(value === undefined ? null : copy(value));
const all = <T>(values: T[]): Promise<T[]> => Promise.resolve(values.map(copy));

/** Replaces the record matching `same` with a copy of `record`; the table array is one the write may change. */
function replace<T>(table: T[], record: T, same: (existing: T) => boolean): void {
  const index = table.findIndex(same);
  if (index < 0) throw new Error('No such record to replace.');
  table[index] = copy(record);
}

/** The repositories over the tables of metadata.json (see LowdbMetadata). Scans are linear: the file holds one workspace. */
export function lowdbRepositories(tables: TableAccess): Repositories {
  const { data, write } = tables;

  const members: MemberRepository = {
    list: () => all(data().users),
    get: (id) => found(data().users.find((u) => u.id === id)),
    findByEmail: (email) => found(data().users.find((u) => u.email === email)),
    hasOtherActive: (role, exceptId) =>
      Promise.resolve(data().users.some((u) => u.id !== exceptId && u.role === role && u.active && u.passwordHash !== null)),
    add: (user) => write((d) => void d.users.push(copy(user))),
    put: (user) => write((d) => replace(d.users, user, (u) => u.id === user.id)),
    findInvitation: (tokenHash) => found(data().invitations.find((i) => i.tokenHash === tokenHash)),
    replaceInvitation: (invitation) =>
      write((d) => {
        d.invitations = d.invitations.filter((i) => i.userId !== invitation.userId);
        d.invitations.push(copy(invitation));
      }),
    markInvitationUsed: (tokenHash, at) =>
      write((d) => {
        d.invitations = d.invitations.map((i) => (i.tokenHash === tokenHash ? { ...i, usedAt: at } : i));
      }),
  };

  const sessions: SessionRepository = {
    find: (tokenHash) => found(data().sessions.find((s) => s.tokenHash === tokenHash)),
    add: (session, now) =>
      write((d) => {
        d.sessions = d.sessions.filter((s) => Date.parse(s.expiresAt) > Date.parse(now));
        d.sessions.push(copy(session));
      }),
    remove: (tokenHash) =>
      write((d) => {
        d.sessions = d.sessions.filter((s) => s.tokenHash !== tokenHash);
      }),
    removeAllFor: (userId) =>
      write((d) => {
        d.sessions = d.sessions.filter((s) => s.userId !== userId);
      }),
    listFor: (userId, now) =>
      all(
        data()
          .sessions.filter((s) => s.userId === userId && Date.parse(s.expiresAt) > Date.parse(now))
          .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)),
      ),
  };

  const delegations: DelegationRepository = {
    list: () => all(data().delegations),
    get: (id) => found(data().delegations.find((x) => x.id === id)),
    findByName: (name) => {
      const key = name.toLocaleLowerCase();
      return found(data().delegations.find((x) => x.name.toLocaleLowerCase() === key));
    },
    add: (delegation) => write((d) => void d.delegations.push(copy(delegation))),
  };

  const drafts: DraftRepository = {
    list: () => all(data().drafts),
    get: (id) => found(data().drafts.find((x) => x.id === id)),
    add: (draft) => write((d) => void d.drafts.push(copy(draft))),
    put: (draft) => write((d) => replace(d.drafts, draft, (x) => x.id === draft.id)),
  };

  const comments: CommentRepository = {
    listByDraft: (draftId) => all(data().comments.filter((c) => c.draftId === draftId)),
    get: (draftId, id) => found(data().comments.find((c) => c.id === id && c.draftId === draftId)),
    add: (comment) => write((d) => void d.comments.push(copy(comment))),
    put: (comment) => write((d) => replace(d.comments, comment, (c) => c.id === comment.id)),
  };

  const versions: VersionRepository = {
    listByDraft: (draftId) =>
      all(
        data()
          .versions.map((record, index) => ({ record, index }))
          .filter(({ record }) => record.draftId === draftId)
          .sort((a, b) => a.record.createdAt.localeCompare(b.record.createdAt) || a.index - b.index)
          .map(({ record }) => record),
      ),
    get: (draftId, id) => found(data().versions.find((v) => v.id === id && v.draftId === draftId)),
    latestRevision: (draftId, at) => {
      let latest: MetadataFile['versions'][number] | undefined;
      for (const v of data().versions) {
        if (v.draftId !== draftId || v.revision === null || v.publishedAt === null) continue;
        if (at !== undefined && v.publishedAt > at) continue;
        if (!latest || v.revision > latest.revision!) latest = v;
      }
      return found(latest);
    },
    add: (version) => write((d) => void d.versions.push(copy(version))),
    put: (version) => write((d) => replace(d.versions, version, (v) => v.id === version.id && v.draftId === version.draftId)),
    remove: (draftId, id) =>
      write((d) => {
        const before = d.versions.length;
        d.versions = d.versions.filter((v) => !(v.id === id && v.draftId === draftId));
        return d.versions.length < before;
      }),
  };

  const samePlace = (p: PositionRecord, draftId: string, clauseId: string, delegationId: string) =>
    p.draftId === draftId && p.clauseId === clauseId && p.delegationId === delegationId;
  const negotiation: NegotiationRepository = {
    statusesByDraft: (draftId) => all(data().clauseStatuses.filter((s) => s.draftId === draftId)),
    currentStatus: (draftId, clauseId, at) =>
      found(data().clauseStatuses.findLast((s) => s.draftId === draftId && s.clauseId === clauseId && (at === undefined || s.at <= at))),
    appendStatus: (record) => write((d) => void d.clauseStatuses.push(copy(record))),
    positionsByDraft: (draftId) => all(data().positions.filter((p) => p.draftId === draftId)),
    findPosition: (draftId, clauseId, delegationId) => found(data().positions.find((p) => samePlace(p, draftId, clauseId, delegationId))),
    putPosition: (record) =>
      write((d) => {
        const index = d.positions.findIndex((p) => samePlace(p, record.draftId, record.clauseId, record.delegationId));
        if (index >= 0) d.positions[index] = copy(record);
        else d.positions.push(copy(record));
      }),
    removePosition: (draftId, clauseId, delegationId) =>
      write((d) => {
        const index = d.positions.findIndex((p) => samePlace(p, draftId, clauseId, delegationId));
        return index < 0 ? null : copy(d.positions.splice(index, 1)[0]!);
      }),
  };

  /** Entries matching `wanted`, numbered below `before`, newest first, at most `limit`. */
  const pageWhere = (wanted: (entry: AuditEntry) => boolean, { before, limit, actions }: AuditPageQuery) => {
    const actionSet = actions ? new Set(actions) : null;
    const page: AuditEntry[] = [];
    const entries = data().audit;
    for (let i = entries.length - 1; i >= 0 && page.length < limit; i -= 1) {
      const entry = entries[i]!;
      if (wanted(entry) && (before === undefined || entry.seq < before) && (!actionSet || actionSet.has(entry.action))) page.push(entry);
    }
    return all(page);
  };

  const audit: AuditRepository = {
    append: (record) =>
      write((d) => {
        const entry: AuditEntry = { ...copy(record), seq: (d.audit.at(-1)?.seq ?? 0) + 1 };
        d.audit.push(entry);
        return copy(entry);
      }),
    pageByDraft: (draftId, query) => pageWhere((entry) => entry.draftId === draftId, query),
    page: (query) => pageWhere(() => true, query),
  };

  return { members, sessions, delegations, drafts, comments, versions, negotiation, audit };
}
