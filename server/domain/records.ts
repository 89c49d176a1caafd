import type { DraftParticipants, DraftTemplate, EditingMode } from '../../shared/api/drafts.js';
import type { ClauseStatus } from '../../shared/negotiation/clauseStatus.js';
import type { NegotiationSnapshot } from '../../shared/negotiation/NegotiationSnapshot.js';
import type { Position } from '../../shared/negotiation/positions.js';
import type { Role } from '../../shared/roles.js';

/**
 * The records the domain keeps besides document text, one kind per aggregate. Repositories (repositories.ts)
 * store and find them; how they are stored (a JSON file, database tables) is the storage layer's business.
 */

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
  /**
   * An opaque random id the member's sessions list shows and `DELETE /api/sessions/:id` takes: neither the
   * token nor its hash ever leaves the server. Missing in sessions opened before it existed (SessionService
   * derives one from the hash for those).
   */
  id?: string;
  /** The address the sign-in came from, as the sign-in limits saw it (req.ip); missing in older sessions. */
  address?: string;
  /** A short description of the browser ("Chrome on Windows"), at most 60 characters; missing in older sessions. */
  browser?: string;
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
  /**
   * Open brackets, options and proposals as last counted from the document (missing until first counted;
   * `proposals` missing in records counted before proposals existed, which are counted again).
   */
  counts?: { brackets: number; options: number; proposals?: number };
  /** How delegates change the text; missing in records written before it existed: `direct`. */
  editingMode?: EditingMode;
  /**
   * Who takes part besides the secretariat (delegations' delegates, members by id); null or missing (records
   * written before it existed): every active member. DraftService.mayAccess reads it.
   */
  participants?: DraftParticipants | null;
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

/** A saved version of a draft's document; its snapshot bytes are in DATA_DIR/versions/<draftId>/<id>.bin (VersionSnapshotStore). */
export interface VersionRecord {
  id: string;
  draftId: string;
  label: string;
  kind: 'named' | 'automatic';
  /** Who saved it and their delegation, as they were then; null for automatic versions. */
  authorId: string | null;
  authorName: string | null;
  authorDelegation: string | null;
  createdAt: string;
  /** The draft's title when the version was saved: its text keeps it after a rename. */
  title: string;
  /** sha256 (hex) of the snapshot file, checked on every read. */
  snapshotSha256: string;
  /** sha256 (hex) of the document's Yjs snapshot (state vector and delete set): equal keys, equal states. */
  stateKey: string;
  /** sha256 (hex) of the version's DraftText as canonical JSON; recomputed once, at publication. */
  fingerprint: string;
  /** N of Rev.N once published; never changes after. */
  revision: number | null;
  publishedAt: string | null;
  publishedById: string | null;
  publishedByName: string | null;
  /**
   * Clause id -> clean number of this text, stored when it is published (the base later texts number
   * against). Missing on versions that are not published and on revisions published before numbering was kept.
   */
  numbering?: Record<string, string>;
  /**
   * The negotiation as it was when the version was saved (numbering base, delegation names, statuses,
   * positions), so its text never changes. Missing on versions saved before it was kept: read as none.
   */
  negotiation?: NegotiationSnapshot;
}

/** One status change of a clause (set by the secretariat); a clause's current status is its last one. */
export interface ClauseStatusRecord {
  id: string;
  draftId: string;
  clauseId: string;
  status: ClauseStatus;
  note: string;
  /** Who set it, with the name as it was then. */
  byId: string;
  byName: string;
  at: string;
}

/** A delegation's current position on a clause, set by one of its delegates. */
export interface PositionRecord {
  draftId: string;
  clauseId: string;
  delegationId: string;
  position: Position;
  /** The reservation's text; null for other positions. */
  text: string | null;
  byId: string;
  byName: string;
  at: string;
}

/** What an audit entry says; the repository numbers it when appending it (AuditEntry). */
export interface AuditRecord {
  at: string;
  actorId: string | null;
  action: string;
  target: string;
  /** Negotiation entries (status, positions, brackets, options): the draft and clause they concern. */
  draftId?: string;
  clauseId?: string;
  /** Human-readable detail ("Agreed ad ref — note", "Brackets added by Norway"). */
  detail?: string;
  /** The actor's name and delegation name as they were then. */
  actorName?: string;
  delegation?: string | null;
  /** Security log entries (sign-ins, failed sign-ins, sessions ended): the address the request came from. */
  address?: string;
}

/** An audit record as stored: numbered in the order entries were appended (1, 2, 3 ...), the cursor of paging. */
export interface AuditEntry extends AuditRecord {
  seq: number;
}
