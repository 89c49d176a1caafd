import type {
  AuditEntry,
  AuditRecord,
  ClauseStatusRecord,
  CommentRecord,
  DelegationRecord,
  DraftRecord,
  InvitationRecord,
  PositionRecord,
  SessionRecord,
  UserRecord,
  VersionRecord,
} from './records.js';

/**
 * The ports through which the domain keeps its metadata: one repository per aggregate, each with the
 * queries the domain asks, never a whole-database read. The lowdb file (server/storage/metadata) is the
 * embedded default; any other implementation passes the same contract suite (test/unit/storage/
 * metadataRepositoriesContract.ts).
 *
 * Every method is asynchronous, so a database behind them fits. Records come back as copies: changing
 * one changes nothing until it is written back (`put`). Writes made outside `transaction` are durable
 * when they resolve, each on its own.
 */

/** Members (users) and their invitations. */
export interface MemberRepository {
  list(): Promise<UserRecord[]>;
  get(id: string): Promise<UserRecord | null>;
  /** `email` lower-cased, as stored. */
  findByEmail(email: string): Promise<UserRecord | null>;
  /** Whether an active member other than `exceptId` holds the role and has set a password. */
  hasOtherActive(role: UserRecord['role'], exceptId: string): Promise<boolean>;
  /** Adds a new member; EMAIL_TAKEN-style checks are the caller's (findByEmail in the same transaction). */
  add(user: UserRecord): Promise<void>;
  /** Replaces the member with the same id. */
  put(user: UserRecord): Promise<void>;
  findInvitation(tokenHash: string): Promise<InvitationRecord | null>;
  /** Replaces every invitation of the member with this one. */
  replaceInvitation(invitation: InvitationRecord): Promise<void>;
  markInvitationUsed(tokenHash: string, at: string): Promise<void>;
}

/** Signed-in sessions, by the hash of their token. */
export interface SessionRepository {
  find(tokenHash: string): Promise<SessionRecord | null>;
  /** Adds a session and forgets those expired at `now` (ISO). */
  add(session: SessionRecord, now: string): Promise<void>;
  remove(tokenHash: string): Promise<void>;
  removeAllFor(userId: string): Promise<void>;
  /** The member's sessions not expired at `now` (ISO), oldest first (by createdAt). */
  listFor(userId: string, now: string): Promise<SessionRecord[]>;
}

export interface DelegationRepository {
  list(): Promise<DelegationRecord[]>;
  get(id: string): Promise<DelegationRecord | null>;
  /** Case-insensitive. */
  findByName(name: string): Promise<DelegationRecord | null>;
  add(delegation: DelegationRecord): Promise<void>;
}

export interface DraftRepository {
  list(): Promise<DraftRecord[]>;
  get(id: string): Promise<DraftRecord | null>;
  add(draft: DraftRecord): Promise<void>;
  put(draft: DraftRecord): Promise<void>;
}

export interface CommentRepository {
  /** A draft's comments in the order they were written. */
  listByDraft(draftId: string): Promise<CommentRecord[]>;
  /** The comment of this draft with this id (a comment of another draft is not found). */
  get(draftId: string, id: string): Promise<CommentRecord | null>;
  add(comment: CommentRecord): Promise<void>;
  put(comment: CommentRecord): Promise<void>;
}

export interface VersionRepository {
  /** A draft's versions, oldest first: by time saved, then in the order they were written. */
  listByDraft(draftId: string): Promise<VersionRecord[]>;
  /** The version of this draft with this id (a version of another draft is not found). */
  get(draftId: string, id: string): Promise<VersionRecord | null>;
  /** The draft's published revision with the highest N published at or before `at` (ISO; any time when omitted). */
  latestRevision(draftId: string, at?: string): Promise<VersionRecord | null>;
  add(version: VersionRecord): Promise<void>;
  put(version: VersionRecord): Promise<void>;
  /** Removes the version; false when there was none. */
  remove(draftId: string, id: string): Promise<boolean>;
}

export interface NegotiationRepository {
  /** Every status change of the draft's clauses, in the order they were made. */
  statusesByDraft(draftId: string): Promise<ClauseStatusRecord[]>;
  /** The clause's last status change at or before `at` (ISO; any time when omitted). */
  currentStatus(draftId: string, clauseId: string, at?: string): Promise<ClauseStatusRecord | null>;
  appendStatus(record: ClauseStatusRecord): Promise<void>;
  positionsByDraft(draftId: string): Promise<PositionRecord[]>;
  findPosition(draftId: string, clauseId: string, delegationId: string): Promise<PositionRecord | null>;
  /** Sets the delegation's position on the clause, replacing the one it had. */
  putPosition(record: PositionRecord): Promise<void>;
  /** Removes it and returns it; null when there was none. */
  removePosition(draftId: string, clauseId: string, delegationId: string): Promise<PositionRecord | null>;
}

export interface AuditPageQuery {
  /** Only entries numbered below this one (the `seq` of the last entry of the previous page). */
  before?: number;
  limit: number;
  /** Only entries of these actions (@default all). */
  actions?: readonly string[];
}

/** The audit log: append-only, numbered in order. */
export interface AuditRepository {
  append(record: AuditRecord): Promise<AuditEntry>;
  /** A draft's entries (those with this draftId, of the actions asked for), newest first, a page at a time. */
  pageByDraft(draftId: string, query: AuditPageQuery): Promise<AuditEntry[]>;
  /** Entries of the whole workspace (of the actions asked for), newest first, a page at a time: the security log. */
  page(query: AuditPageQuery): Promise<AuditEntry[]>;
}

export interface Repositories {
  members: MemberRepository;
  sessions: SessionRepository;
  delegations: DelegationRepository;
  drafts: DraftRepository;
  comments: CommentRepository;
  versions: VersionRepository;
  negotiation: NegotiationRepository;
  audit: AuditRepository;
}

/** The metadata of the workspace: the repositories, transactions over them, and closing. */
export interface MetadataRepositories extends Repositories {
  /**
   * Runs `work` alone against the repositories it is given: its reads see its own writes, its writes land
   * together, durably, when it resolves, or not at all when it throws (the error is passed on). Use only
   * the repositories passed in inside `work`: the outer ones wait for it to finish. Keep slow work
   * (hashing, reading documents) outside.
   */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  /** True while nothing was ever written: the only state in which the demo workspace is seeded. */
  isEmpty(): Promise<boolean>;
  /** Waits for writes in flight, then releases the store. */
  close(): Promise<void>;
}
