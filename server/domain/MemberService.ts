import type { CreateMemberBody, MemberView, UpdateMemberBody } from '../../shared/api/members.js';
import type { Metadata, UserRecord } from '../storage/MetadataSchema.js';
import type { MetadataStore } from '../storage/MetadataStore.js';
import { AppError } from './AppError.js';
import { audit } from './audit.js';
import type { Clock } from './Clock.js';
import type { PasswordHasher } from './PasswordHasher.js';
import { checkPasswordStrength } from './passwordStrength.js';
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
    private readonly store: MetadataStore,
    private readonly sessions: SessionService,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  list(): MemberView[] {
    return this.store.read().users.map(toMemberView);
  }

  /** Adds a member without a password and issues their invitation token. */
  async create(body: CreateMemberBody, actorId: string | null): Promise<{ member: MemberView; token: string; expiresAt: Date }> {
    const token = newToken();
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
    const member = await this.store.update((data) => {
      if (data.users.some((u) => u.email === body.email)) {
        throw new AppError('EMAIL_TAKEN', 'A member with this email already exists.');
      }
      const delegationId = body.delegationId ?? null;
      requireDelegation(data, delegationId);
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
      data.users.push(user);
      data.invitations.push({ tokenHash: hashToken(token), userId: user.id, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString(), usedAt: null });
      audit(data, now, actorId, 'member.create', user.id);
      return toMemberView(user);
    });
    return { member, token, expiresAt };
  }

  /** Replaces any open invitation of a member with a new one (lost link, forgotten password). */
  async reissueInvitation(userId: string, actorId: string | null): Promise<{ member: MemberView; token: string; expiresAt: Date }> {
    const token = newToken();
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
    const member = await this.store.update((data) => {
      const user = findUser(data, userId);
      data.invitations = data.invitations.filter((i) => i.userId !== userId);
      data.invitations.push({ tokenHash: hashToken(token), userId, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString(), usedAt: null });
      audit(data, now, actorId, 'member.invite', userId);
      return toMemberView(user);
    });
    return { member, token, expiresAt };
  }

  /** Changes name, role, delegation or active state. Deactivation and role changes end the member's sessions. */
  async update(userId: string, body: UpdateMemberBody, actorId: string | null): Promise<MemberView> {
    const now = this.clock();
    let endSessions = false;
    const member = await this.store.update((data) => {
      const user = findUser(data, userId);
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
      requireDelegation(data, next.delegationId);
      const secretariatLeft = data.users.some((u) => u.id !== userId && u.role === 'secretariat' && u.active && u.passwordHash);
      if (user.role === 'secretariat' && (next.role !== 'secretariat' || !next.active) && !secretariatLeft) {
        throw new AppError('LAST_SECRETARIAT', 'The workspace needs at least one active secretariat member.');
      }
      endSessions = !next.active || next.role !== user.role || next.delegationId !== user.delegationId;
      const action = next.active === user.active ? 'member.update' : next.active ? 'member.reactivate' : 'member.deactivate';
      Object.assign(user, next);
      audit(data, now, actorId, action, userId);
      return toMemberView(user);
    });
    if (endSessions) await this.sessions.endAllFor(userId);
    return member;
  }

  /** Who an invitation is for, or INVITATION_INVALID when it is unknown, used or expired. */
  describeInvitation(token: string): { email: string; name: string } {
    const user = this.findInvitedUser(this.store.read(), token);
    return { email: user.email, name: user.name };
  }

  /**
   * Sets the member's password from a valid invitation (WEAK_PASSWORD for one too easy to guess), spends
   * the invitation, and ends every session the member had: whoever knew the old password is signed out,
   * sockets and event streams included. Returns the member; the caller opens the new session.
   */
  async acceptInvitation(token: string, password: string): Promise<UserRecord> {
    const invited = this.findInvitedUser(this.store.read(), token);
    checkPasswordStrength(password, invited);
    const passwordHash = await this.hasher.hash(password);
    const now = this.clock();
    const user = await this.store.update((data) => {
      const user = this.findInvitedUser(data, token);
      const hash = hashToken(token);
      for (const invitation of data.invitations) if (invitation.tokenHash === hash) invitation.usedAt = now.toISOString();
      user.passwordHash = passwordHash;
      user.updatedAt = now.toISOString();
      audit(data, now, user.id, 'member.acceptInvitation', user.id);
      return user;
    });
    await this.sessions.endAllFor(user.id);
    return user;
  }

  private findInvitedUser(data: Metadata, token: string): UserRecord {
    const hash = hashToken(token);
    const invitation = data.invitations.find((i) => i.tokenHash === hash);
    const user = invitation && data.users.find((u) => u.id === invitation.userId);
    if (!invitation || invitation.usedAt || new Date(invitation.expiresAt) <= this.clock() || !user || !user.active) {
      throw new AppError('INVITATION_INVALID', 'This invitation link is not valid any more. Ask the secretariat for a new one.');
    }
    return user;
  }
}

function findUser(data: Metadata, userId: string): UserRecord {
  const user = data.users.find((u) => u.id === userId);
  if (!user) throw new AppError('MEMBER_NOT_FOUND', 'No such member.');
  return user;
}

function requireDelegation(data: Metadata, delegationId: string | null): void {
  if (delegationId && !data.delegations.some((d) => d.id === delegationId)) {
    throw new AppError('DELEGATION_NOT_FOUND', 'No such delegation.');
  }
}
