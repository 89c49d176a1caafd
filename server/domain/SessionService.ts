import { createHash } from 'node:crypto';
import type { SessionView } from '../../shared/api/session.js';
import type { SessionRecord, UserRecord } from './records.js';
import type { MetadataRepositories } from './repositories.js';
import { AppError } from './AppError.js';
import type { Clock } from './Clock.js';
import type { PasswordHasher } from './PasswordHasher.js';
import type { SignInThrottle } from './SignInLimits.js';
import { browserName } from './browserName.js';
import { recordSecurityEvent } from './securityLog.js';
import { hashToken, newId, newToken } from './tokens.js';

/** Where a sign-in comes from: the address as the sign-in limits see it (req.ip) and the User-Agent header. */
export interface SignInOrigin {
  address: string;
  userAgent?: string | undefined;
}

/**
 * Which of a member's sessions ended, by token hash: every one (endAllFor) or some (one signed out from
 * "Your sessions"). Listeners close the sockets and event streams opened with those.
 */
export type EndedSessions = (tokenHash: string) => boolean;

/**
 * Failed sign-ins written to the security log one by one in a minute, per process, at most. The sign-in
 * limits already bound attempts per account and address; this bounds what many addresses together can add
 * (a spraying botnet): past it, failures are counted and the next entry written says how many were not.
 */
export const FAILED_SIGN_INS_LOGGED_PER_MINUTE = 60;

/** Addresses are stored as the limits saw them; bounded all the same (an IPv6 address with zone fits). */
const MAX_ADDRESS_LENGTH = 64;

export interface SessionOptions {
  /** How long a session lasts after sign-in, in milliseconds. @default 12 hours */
  ttlMs: number;
}

/** Signs members in and out and resolves session tokens to members. */
export class SessionService {
  private readonly endedListeners = new Set<(userId: string, ended: EndedSessions) => void>();
  /** Failed sign-ins logged in the current minute, and those left out of the log (FAILED_SIGN_INS_LOGGED_PER_MINUTE). */
  private failedLog = { minute: 0, logged: 0, skipped: 0 };

  constructor(
    private readonly metadata: MetadataRepositories,
    private readonly limits: SignInThrottle,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly options: SessionOptions,
  ) {}

  /**
   * Checks the credentials and opens a session. Wrong password, unknown email, a member without a
   * password yet and a deactivated member all get the same INVALID_CREDENTIALS answer, after the same
   * work. The attempt is counted against the sign-in limits before the password is hashed
   * (TOO_MANY_ATTEMPTS), and given back if the hasher was too busy to evaluate it (SIGN_IN_BUSY).
   */
  async signIn(email: string, password: string, origin: SignInOrigin): Promise<{ token: string; user: UserRecord; expiresAt: Date }> {
    const address = origin.address.slice(0, MAX_ADDRESS_LENGTH);
    const attempt = await this.limits.begin(email, address);
    const user = await this.metadata.members.findByEmail(email);
    let ok: boolean;
    try {
      ok = await this.hasher.verify(password, user?.passwordHash ?? (await this.hasher.dummyHash()));
    } catch (error) {
      await attempt.cancelled();
      throw error;
    }
    if (!user || !user.passwordHash || !user.active || !ok) {
      this.logFailedSignIn(email, user, address);
      throw new AppError('INVALID_CREDENTIALS', 'The email or password is not correct.');
    }
    await attempt.succeeded();
    const opened = await this.open(user.id, origin, 'session.signIn');
    return { ...opened, user };
  }

  /**
   * Opens a session for a member (after sign-in or accepting an invitation), noting where it came from;
   * with `logAs`, the security log gets that entry in the same write.
   */
  async open(userId: string, origin?: SignInOrigin, logAs?: 'session.signIn'): Promise<{ token: string; expiresAt: Date }> {
    const token = newToken();
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + this.options.ttlMs);
    const address = origin?.address.slice(0, MAX_ADDRESS_LENGTH);
    const session: SessionRecord = {
      tokenHash: hashToken(token),
      userId,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      id: newId(),
      ...(address === undefined ? {} : { address }),
      ...(origin ? { browser: browserName(origin.userAgent) } : {}),
    };
    await this.metadata.transaction(async (tx) => {
      await tx.sessions.add(session, now.toISOString());
      if (logAs) {
        await recordSecurityEvent(tx.audit, { at: now, actorId: userId, action: logAs, target: userId, address, detail: session.browser });
      }
    });
    return { token, expiresAt };
  }

  /** The member's sessions, oldest first; `current` marks the one `token` belongs to. */
  async list(userId: string, token: string | undefined): Promise<SessionView[]> {
    const currentHash = token ? hashToken(token) : null;
    const sessions = await this.metadata.sessions.listFor(userId, this.clock().toISOString());
    return sessions.map((s) => ({
      id: sessionId(s),
      createdAt: s.createdAt,
      expiresAt: s.expiresAt,
      address: s.address ?? null,
      browser: s.browser ?? null,
      current: s.tokenHash === currentHash,
    }));
  }

  /**
   * Ends one of the member's own sessions, found by its opaque id among theirs only (another member's id is
   * SESSION_NOT_FOUND, as is an unknown one). Ending the session the request came with is sign-out, not this.
   */
  async endOne(user: UserRecord, id: string, token: string | undefined, address: string): Promise<void> {
    const now = this.clock();
    const currentHash = token ? hashToken(token) : null;
    const sessions = await this.metadata.sessions.listFor(user.id, now.toISOString());
    const target = sessions.find((s) => sessionId(s) === id && s.tokenHash !== currentHash);
    if (!target) throw new AppError('SESSION_NOT_FOUND', 'You have no other session with this id.');
    await this.metadata.transaction(async (tx) => {
      await tx.sessions.remove(target.tokenHash);
      const detail = [target.browser, target.address].filter(Boolean).join(', ');
      await recordSecurityEvent(tx.audit, { at: now, actorId: user.id, action: 'session.ended', target: user.id, address, detail });
    });
    this.notifyEnded(user.id, (hash) => hash === target.tokenHash);
  }

  /** Ends every session of the member but the one `token` belongs to; returns how many ended. */
  async endOthers(user: UserRecord, token: string | undefined, address: string): Promise<number> {
    const now = this.clock();
    const currentHash = token ? hashToken(token) : null;
    const others = (await this.metadata.sessions.listFor(user.id, now.toISOString())).filter((s) => s.tokenHash !== currentHash);
    const ended = new Set(others.map((s) => s.tokenHash));
    await this.metadata.transaction(async (tx) => {
      for (const hash of ended) await tx.sessions.remove(hash);
      const detail = `${ended.size} other session${ended.size === 1 ? '' : 's'} signed out`;
      await recordSecurityEvent(tx.audit, { at: now, actorId: user.id, action: 'session.endedOthers', target: user.id, address, detail });
    });
    if (ended.size > 0) this.notifyEnded(user.id, (hash) => ended.has(hash));
    return ended.size;
  }

  /** The active member a token belongs to, or null when the token is unknown, expired or the member deactivated. */
  async resolve(token: string | undefined): Promise<UserRecord | null> {
    if (!token || token.length > 100) return null;
    const session = await this.metadata.sessions.find(hashToken(token));
    if (!session || new Date(session.expiresAt) <= this.clock()) return null;
    const user = await this.metadata.members.get(session.userId);
    return user && user.active ? user : null;
  }

  async signOut(token: string): Promise<void> {
    await this.metadata.sessions.remove(hashToken(token));
  }

  /** Ends every session of a member at once (deactivation, role change, a new password). Listeners close live connections and event streams. */
  async endAllFor(userId: string): Promise<void> {
    await this.metadata.sessions.removeAllFor(userId);
    this.notifyEnded(userId, () => true);
  }

  /**
   * Registers a callback run after some or all of a member's sessions were ended (`ended` says which, by
   * token hash); returns the unsubscribe function. Runs in this process only: the sockets and streams of
   * other processes find out at their next session check, as after a sign-out.
   */
  onSessionsEnded(listener: (userId: string, ended: EndedSessions) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  private notifyEnded(userId: string, ended: EndedSessions): void {
    for (const listener of this.endedListeners) listener(userId, ended);
  }

  /**
   * Logs a failed sign-in: the member it was for (null for an unknown email, whose text is the target), the
   * address, and why in a word the member can't see (the answer stays INVALID_CREDENTIALS for all). At most
   * FAILED_SIGN_INS_LOGGED_PER_MINUTE a minute. Not waited for: the answer leaves as fast as before (a
   * wrong password costs no extra durable write in the attacker's loop, and the sign-in limits' timing is
   * unchanged), and a failure to write the log never changes the answer.
   */
  private logFailedSignIn(email: string, user: UserRecord | null, address: string): void {
    const now = this.clock();
    const minute = Math.floor(now.getTime() / 60_000);
    if (this.failedLog.minute !== minute) this.failedLog = { minute, logged: 0, skipped: this.failedLog.skipped };
    if (this.failedLog.logged >= FAILED_SIGN_INS_LOGGED_PER_MINUTE) {
      this.failedLog.skipped += 1;
      return;
    }
    this.failedLog.logged += 1;
    const skipped = this.failedLog.skipped;
    this.failedLog.skipped = 0;
    const reason = !user
      ? 'unknown email'
      : !user.active
        ? 'deactivated member'
        : !user.passwordHash
          ? 'invitation not accepted'
          : 'wrong password';
    const detail = skipped > 0 ? `${reason}; ${skipped} earlier failed sign-ins not logged one by one (too many a minute)` : reason;
    void recordSecurityEvent(this.metadata.audit, {
      at: now,
      actorId: user?.id ?? null,
      action: 'session.signInFailed',
      target: email,
      address,
      detail,
    }).catch(() => undefined);
  }
}

/**
 * A session's opaque id: the random one it was opened with, or for sessions opened before ids were kept one
 * derived from the token's hash (a one-way step further, so it reveals nothing that signs anyone in).
 */
function sessionId(session: SessionRecord): string {
  return session.id ?? createHash('sha256').update(`session-id:${session.tokenHash}`).digest('base64url').slice(0, 16);
}
