import type { Role } from '../../shared/roles.js';
import type { DraftTemplate } from '../../shared/api/drafts.js';

/** Everything the workspace keeps besides document text. Stored as one JSON file by lowdb. */
export interface Metadata {
  schemaVersion: 1;
  delegations: DelegationRecord[];
  users: UserRecord[];
  sessions: SessionRecord[];
  invitations: InvitationRecord[];
  drafts: DraftRecord[];
  comments: CommentRecord[];
  audit: AuditRecord[];
}

export interface DelegationRecord {
  id: string;
  name: string;
  createdAt: string;
}

export interface UserRecord {
  id: string;
  /** Lower-cased. Unique. */
  email: string;
  name: string;
  role: Role;
  delegationId: string | null;
  /** `scrypt$N$r$p$salt$hash`, or null until the member accepts their invitation. */
  passwordHash: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface SessionRecord {
  /** sha256 of the cookie token; the token itself is never stored. */
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

export interface InvitationRecord {
  /** sha256 of the link token. */
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface DraftRecord {
  id: string;
  title: string;
  archived: boolean;
  /** What the server seeds the draft's document with the first time it is loaded. */
  template: DraftTemplate;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CommentRecord {
  id: string;
  draftId: string;
  clauseId: string;
  /** Id of the thread's first comment (its own id for a first comment). */
  threadId: string;
  parentId: string | null;
  authorId: string;
  /** Name and delegation as they were when written, so the thread reads the same after changes. */
  authorName: string;
  authorRole: Role;
  authorDelegation: string | null;
  /** Null once deleted. */
  body: string | null;
  anchor: { start: string; end: string; quote: string } | null;
  resolved: boolean;
  resolvedById: string | null;
  resolvedByName: string | null;
  resolvedAt: string | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
}

export interface AuditRecord {
  at: string;
  actorId: string | null;
  action: string;
  target: string;
}

export function emptyMetadata(): Metadata {
  return { schemaVersion: 1, delegations: [], users: [], sessions: [], invitations: [], drafts: [], comments: [], audit: [] };
}

/** True when nothing has ever been written: the only state in which the demo workspace is seeded. */
export function isEmptyMetadata(data: Metadata): boolean {
  return data.users.length === 0 && data.delegations.length === 0 && data.drafts.length === 0;
}
