import type { MemberSlots } from '../collab/MemberSlots.js';
import type { Config } from '../config.js';
import { AmendmentService } from './amendments/AmendmentService.js';
import { VersionSnapshotStore, type VersionSnapshots } from '../storage/VersionSnapshotStore.js';
import type { Clock } from './Clock.js';
import { CommentService } from './CommentService.js';
import type { DraftDocuments } from './DraftDocuments.js';
import { DelegationService } from './DelegationService.js';
import { DraftCountsTracker } from './negotiation/DraftCountsTracker.js';
import { LocalDraftEventBus, type DraftEventBus } from './DraftEventBus.js';
import { DraftService } from './DraftService.js';
import { MemberService } from './MemberService.js';
import { NegotiationService } from './negotiation/NegotiationService.js';
import { PasswordHasher } from './PasswordHasher.js';
import type { MetadataRepositories } from './repositories.js';
import { SessionService } from './SessionService.js';
import { DEFAULT_SIGN_IN_LIMITS, SignInLimits, type SignInLimitOptions, type SignInThrottle } from './SignInLimits.js';
import { VersionService } from './VersionService.js';

/** The domain services the HTTP and collab layers call. Built once per server. */
export interface Services {
  /** The metadata repositories (members, drafts, comments ...). */
  metadata: MetadataRepositories;
  clock: Clock;
  /** Password hashing on threads of its own (close it with the server). */
  hasher: PasswordHasher;
  sessions: SessionService;
  members: MemberService;
  delegations: DelegationService;
  drafts: DraftService;
  /** Live, non-CRDT draft events for the per-draft event streams. */
  events: DraftEventBus;
  comments: CommentService;
  versions: VersionService;
  /** Clause status, positions, settling options, the negotiation audit log. */
  negotiation: NegotiationService;
  /** Keeps drafts' bracket and option counts current (fed by the negotiation room extension). */
  counts: DraftCountsTracker;
  /** Proposals (amendments) in drafts' texts: listing, when each was made, and the decisions on them. */
  amendments: AmendmentService;
  /** Members' caps (sockets, event streams) counted across every process; null with one process (each counts its own). */
  memberSlots: MemberSlots | null;
}

/**
 * What one process would keep to itself but several processes on one database share (through Redis):
 * given by startServer when REDIS_URL is set. @default this process's own (in memory)
 */
export interface SharedAcrossProcesses {
  events?: DraftEventBus;
  signInLimits?: SignInThrottle;
  memberSlots?: MemberSlots;
}

/** The sign-in limits the configuration asks for (SIGNIN_MAX_FAILURES). */
export function signInLimitOptions(config: Config): SignInLimitOptions {
  return { ...DEFAULT_SIGN_IN_LIMITS, freePerAccountAndAddress: config.signInMaxFailures };
}

export function createServices(
  metadata: MetadataRepositories,
  config: Config,
  clock: Clock,
  documents: DraftDocuments,
  snapshots: VersionSnapshots = new VersionSnapshotStore(config.dataDir),
  shared: SharedAcrossProcesses = {},
): Services {
  const limits = shared.signInLimits ?? new SignInLimits(signInLimitOptions(config), clock);
  const hasher = new PasswordHasher();
  const sessions = new SessionService(metadata, limits, hasher, clock, { ttlMs: config.sessionTtlMs });
  const events = shared.events ?? new LocalDraftEventBus();
  const negotiation = new NegotiationService(metadata, documents, events, clock);
  return {
    metadata,
    events,
    clock,
    hasher,
    sessions,
    members: new MemberService(metadata, sessions, hasher, clock),
    delegations: new DelegationService(metadata, clock),
    drafts: new DraftService(metadata, clock, events),
    comments: new CommentService(metadata, documents, events, clock),
    versions: new VersionService({ metadata, documents, snapshots, events, clock, negotiation }),
    negotiation,
    counts: new DraftCountsTracker({ metadata, documents, events }),
    amendments: new AmendmentService({ metadata, documents, negotiation, clock }),
    memberSlots: shared.memberSlots ?? null,
  };
}
