import { AppError } from './AppError.js';
import type { Clock } from './Clock.js';

export interface ThrottleOptions {
  /** Failed sign-ins allowed per email (from any address) within the window. @default 5 */
  maxFailuresPerEmail: number;
  /** Failed sign-ins allowed per client address within the window. @default 20 */
  maxFailuresPerAddress: number;
  /** Length of the window in milliseconds. @default 15 minutes */
  windowMs: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = {
  maxFailuresPerEmail: 5,
  maxFailuresPerAddress: 20,
  windowMs: 15 * 60_000,
};

/**
 * Counts failed sign-ins per email and per client address in a sliding window, and refuses further
 * attempts with 429 TOO_MANY_ATTEMPTS once either passes its limit. Kept in memory: a restart forgets
 * it, which costs an attacker a restart per window, not more guesses per window.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly options: ThrottleOptions,
    private readonly clock: Clock,
  ) {}

  /** Throws TOO_MANY_ATTEMPTS when this email or address has used up its attempts. */
  check(email: string, address: string): void {
    const now = this.clock().getTime();
    const byEmail = this.recent(`e:${email}`, now);
    const byAddress = this.recent(`a:${address}`, now);
    const blockedUntil = Math.max(
      byEmail.length >= this.options.maxFailuresPerEmail ? byEmail[0]! + this.options.windowMs : 0,
      byAddress.length >= this.options.maxFailuresPerAddress ? byAddress[0]! + this.options.windowMs : 0,
    );
    if (blockedUntil > now) {
      throw new AppError('TOO_MANY_ATTEMPTS', 'Too many failed sign-in attempts. Please wait and try again.', {
        retryAfterSeconds: Math.ceil((blockedUntil - now) / 1000),
      });
    }
  }

  recordFailure(email: string, address: string): void {
    const now = this.clock().getTime();
    for (const key of [`e:${email}`, `a:${address}`]) this.failures.set(key, [...this.recent(key, now), now]);
  }

  recordSuccess(email: string): void {
    this.failures.delete(`e:${email}`);
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.options.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }
}
