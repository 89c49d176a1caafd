import type { MetadataStore } from '../storage/MetadataStore.js';
import type { UserRecord } from '../storage/MetadataSchema.js';
import { AppError } from './AppError.js';
import type { Clock } from './Clock.js';
import type { PasswordHasher } from './PasswordHasher.js';
import type { SignInLimits } from './SignInLimits.js';
import { hashToken, newToken } from './tokens.js';

export interface SessionOptions {
  /** How long a session lasts after sign-in, in milliseconds. @default 12 hours */
  ttlMs: number;
}

/** Signs members in and out and resolves session tokens to members. */
export class SessionService {
  private readonly endedListeners = new Set<(userId: string) => void>();

  constructor(
    private readonly store: MetadataStore,
    private readonly limits: SignInLimits,
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
    const attempt = this.limits.begin(email, address);
    const user = this.store.read().users.find((u) => u.email === email);
    let ok: boolean;
    try {
      ok = await this.hasher.verify(password, user?.passwordHash ?? (await this.hasher.dummyHash()));
    } catch (error) {
      attempt.cancelled();
      throw error;
    }
    if (!user || !user.passwordHash || !user.active || !ok) {
      throw new AppError('INVALID_CREDENTIALS', 'The email or password is not correct.');
    }
    attempt.succeeded();
    return { ...(await this.open(user.id)), user };
  }

  /** Opens a session for a member (after sign-in or accepting an invitation). */
  async open(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = newToken();
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + this.options.ttlMs);
    await this.store.update((data) => {
      data.sessions = data.sessions.filter((s) => new Date(s.expiresAt) > now);
      data.sessions.push({ tokenHash: hashToken(token), userId, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
    });
    return { token, expiresAt };
  }

  /** The active member a token belongs to, or null when the token is unknown, expired or the member deactivated. */
  resolve(token: string | undefined): UserRecord | null {
    if (!token || token.length > 100) return null;
    const data = this.store.read();
    const hash = hashToken(token);
    const session = data.sessions.find((s) => s.tokenHash === hash);
    if (!session || new Date(session.expiresAt) <= this.clock()) return null;
    const user = data.users.find((u) => u.id === session.userId);
    return user && user.active ? user : null;
  }

  async signOut(token: string): Promise<void> {
    const hash = hashToken(token);
    await this.store.update((data) => {
      data.sessions = data.sessions.filter((s) => s.tokenHash !== hash);
    });
  }

  /** Ends every session of a member at once (deactivation, role change, a new password). Listeners close live connections and event streams. */
  async endAllFor(userId: string): Promise<void> {
    await this.store.update((data) => {
      data.sessions = data.sessions.filter((s) => s.userId !== userId);
    });
    for (const listener of this.endedListeners) listener(userId);
  }

  /** Registers a callback run after a member's sessions were ended; returns the unsubscribe function. */
  onSessionsEnded(listener: (userId: string) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }
}
