import type { CreateMemberBody, MemberView, UpdateMemberBody } from '../../shared/api/members.js';
import { AppError } from './AppError.js';
import { audit } from './audit.js';
import type { Clock } from './Clock.js';
import type { PasswordHasher } from './PasswordHasher.js';
import { checkPasswordStrength } from './passwordStrength.js';
import type { InvitationRecord, UserRecord } from './records.js';
import type { MetadataRepositories, Repositories } from './repositories.js';
import type { SessionService } from './SessionService.js';
import { hashToken, newId, newToken } from './tokens.js';

/** How long an invitation link stays valid. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;

export function toMemberView(user: UserRecord): MemberView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    delegationId: user.delegationId,
    active: user.active,
    hasPassword: user.passwordHash !== null,
    createdAt: user.createdAt,
  };
}

/** Members of the workspace and their one-time invitations. */
export class MemberService {
  constructor(
    private readonly metadata: MetadataRepositories,
    private readonly sessions: SessionService,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<MemberView[]> {
    return (await this.metadata.members.list()).map(toMemberView);
  }

  /** Adds a member without a password and issues their invitation token; `address` (the request's) goes into the security log. */
  async create(
    body: CreateMemberBody,
    actorId: string | null,
    address?: string,
  ): Promise<{ member: MemberView; token: string; expiresAt: Date }> {
    const token = newToken();
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
    const member = await this.metadata.transaction(async (tx) => {
      if (await tx.members.findByEmail(body.email)) {
        throw new AppError('EMAIL_TAKEN', 'A member with this email already exists.');
      }
      const delegationId = body.delegationId ?? null;
      await requireDelegation(tx, delegationId);
      const user: UserRecord = {
        id: newId(),
        email: body.email,
        name: body.name,
        role: body.role,
        delegationId,
        passwordHash: null,
        active: true,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      };
      await tx.members.add(user);
      await tx.members.replaceInvitation(invitation(token, user.id, now, expiresAt));
      await audit(tx.audit, now, actorId, 'member.create', user.id, { address, detail: `${user.name} <${user.email}>, ${user.role}` });
      return toMemberView(user);
    });
    return { member, token, expiresAt };
  }

  /** Replaces any open invitation of a member with a new one (lost link, forgotten password). */
  async reissueInvitation(
    userId: string,
    actorId: string | null,
    address?: string,
  ): Promise<{ member: MemberView; token: string; expiresAt: Date }> {
    const token = newToken();
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
    const member = await this.metadata.transaction(async (tx) => {
      const user = await findUser(tx, userId);
      await tx.members.replaceInvitation(invitation(token, userId, now, expiresAt));
      await audit(tx.audit, now, actorId, 'member.invite', userId, { address, detail: user.email });
      return toMemberView(user);
    });
    return { member, token, expiresAt };
  }

  /** Changes name, role, delegation or active state. Deactivation and role changes end the member's sessions. */
  async update(userId: string, body: UpdateMemberBody, actorId: string | null, address?: string): Promise<MemberView> {
    const now = this.clock();
    let endSessions = false;
    const member = await this.metadata.transaction(async (tx) => {
      const user = await findUser(tx, userId);
      const next: UserRecord = {
        ...user,
        name: body.name ?? user.name,
        role: body.role ?? user.role,
        delegationId: body.delegationId === undefined ? user.delegationId : body.delegationId,
        active: body.active ?? user.active,
        updatedAt: now.toISOString(),
      };
      if (next.role === 'delegate' && !next.delegationId) {
        throw new AppError('VALIDATION_FAILED', 'A delegate must belong to a delegation.');
      }
      await requireDelegation(tx, next.delegationId);
      if (
        user.role === 'secretariat' &&
        (next.role !== 'secretariat' || !next.active) &&
        !(await tx.members.hasOtherActive('secretariat', userId))
      ) {
        throw new AppError('LAST_SECRETARIAT', 'The workspace needs at least one active secretariat member.');
      }
      endSessions = !next.active || next.role !== user.role || next.delegationId !== user.delegationId;
      const action = next.active === user.active ? 'member.update' : next.active ? 'member.reactivate' : 'member.deactivate';
      await tx.members.put(next);
      await audit(tx.audit, now, actorId, action, userId, { address, detail: memberChanges(user, next) });
      return toMemberView(next);
    });
    if (endSessions) await this.sessions.endAllFor(userId);
    return member;
  }

  /** Who an invitation is for, or INVITATION_INVALID when it is unknown, used or expired. */
  async describeInvitation(token: string): Promise<{ email: string; name: string }> {
    const user = await this.findInvitedUser(this.metadata, token);
    return { email: user.email, name: user.name };
  }

  /**
   * Sets the member's password from a valid invitation (WEAK_PASSWORD for one too easy to guess), spends
   * the invitation, and ends every session the member had: whoever knew the old password is signed out,
   * sockets and event streams included. Returns the member; the caller opens the new session.
   */
  async acceptInvitation(token: string, password: string): Promise<UserRecord> {
    const invited = await this.findInvitedUser(this.metadata, token);
    checkPasswordStrength(password, invited);
    const passwordHash = await this.hasher.hash(password);
    const now = this.clock();
    const user = await this.metadata.transaction(async (tx) => {
      // Checked again: the invitation may have been spent or replaced while the password was hashed.
      const user = await this.findInvitedUser(tx, token);
      await tx.members.markInvitationUsed(hashToken(token), now.toISOString());
      const next = { ...user, passwordHash, updatedAt: now.toISOString() };
      await tx.members.put(next);
      await audit(tx.audit, now, user.id, 'member.acceptInvitation', user.id);
      return next;
    });
    await this.sessions.endAllFor(user.id);
    return user;
  }

  private async findInvitedUser(repositories: Repositories, token: string): Promise<UserRecord> {
    const invitation = await repositories.members.findInvitation(hashToken(token));
    const user = invitation && (await repositories.members.get(invitation.userId));
    if (!invitation || invitation.usedAt || new Date(invitation.expiresAt) <= this.clock() || !user || !user.active) {
      throw new AppError('INVITATION_INVALID', 'This invitation link is not valid any more. Ask the secretariat for a new one.');
    }
    return user;
  }
}

function invitation(token: string, userId: string, now: Date, expiresAt: Date): InvitationRecord {
  return { tokenHash: hashToken(token), userId, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString(), usedAt: null };
}

async function findUser(repositories: Repositories, userId: string): Promise<UserRecord> {
  const user = await repositories.members.get(userId);
  if (!user) throw new AppError('MEMBER_NOT_FOUND', 'No such member.');
  return user;
}

async function requireDelegation(repositories: Repositories, delegationId: string | null): Promise<void> {
  if (delegationId && !(await repositories.delegations.get(delegationId))) {
    throw new AppError('DELEGATION_NOT_FOUND', 'No such delegation.');
  }
}

/** What an update changed, for the security log: "role delegate → reviewer; deactivated". */
function memberChanges(before: UserRecord, after: UserRecord): string {
  const changes: string[] = [];
  if (before.name !== after.name) changes.push('name changed');
  if (before.role !== after.role) changes.push(`role ${before.role} → ${after.role}`);
  if (before.delegationId !== after.delegationId) changes.push('delegation changed');
  if (before.active !== after.active) changes.push(after.active ? 'reactivated' : 'deactivated');
  return `${after.email}: ${changes.join('; ') || 'no change'}`;
}
