import type { UserRecord } from './records.js';
import type { MetadataRepositories } from './repositories.js';
import { AppError } from './AppError.js';
import type { Clock } from './Clock.js';
import type { PasswordHasher } from './PasswordHasher.js';
import type { SignInThrottle } from './SignInLimits.js';
import { hashToken, newToken } from './tokens.js';

export interface SessionOptions {
  /** How long a session lasts after sign-in, in milliseconds. @default 12 hours */
  ttlMs: number;
}

/** Signs members in and out and resolves session tokens to members. */
export class SessionService {
  private readonly endedListeners = new Set<(userId: string) => void>();

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
  async signIn(email: string, password: string, address: string): Promise<{ token: string; user: UserRecord; expiresAt: Date }> {
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
      throw new AppError('INVALID_CREDENTIALS', 'The email or password is not correct.');
    }
    await attempt.succeeded();
    return { ...(await this.open(user.id)), user };
  }

  /** Opens a session for a member (after sign-in or accepting an invitation). */
  async open(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = newToken();
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + this.options.ttlMs);
    await this.metadata.sessions.add(
      { tokenHash: hashToken(token), userId, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() },
      now.toISOString(),
    );
    return { token, expiresAt };
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
    for (const listener of this.endedListeners) listener(userId);
  }

  /** Registers a callback run after a member's sessions were ended; returns the unsubscribe function. */
  onSessionsEnded(listener: (userId: string) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }
}
