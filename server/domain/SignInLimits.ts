import { AppError } from './AppError.js';
import type { Clock } from './Clock.js';

export interface SignInLimitOptions {
  /** Attempts for one account from one address before each further one must wait. @default 5 (SIGNIN_MAX_FAILURES) */
  freePerAccountAndAddress: number;
  /** Attempts for any accounts from one address before each further one must wait. @default 30 */
  freePerAddress: number;
  /** The first wait; each further attempt doubles it. @default 1 s */
  firstDelayMs: number;
  /** The longest wait for one account from one address. @default 15 minutes */
  maxDelayPerAccountAndAddressMs: number;
  /**
   * The longest wait for one address. Shorter, because an address can be shared by many people (an office
   * network, a proxy whose forwarded addresses are not trusted). @default 1 minute
   */
  maxDelayPerAddressMs: number;
  /** A run of attempts is forgotten after this long without another. @default 15 minutes */
  forgetAfterMs: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimitOptions = {
  freePerAccountAndAddress: 5,
  freePerAddress: 30,
  firstDelayMs: 1000,
  maxDelayPerAccountAndAddressMs: 15 * 60_000,
  maxDelayPerAddressMs: 60_000,
  forgetAfterMs: 15 * 60_000,
};

/** How many runs of attempts are remembered at most; the oldest are forgotten first. */
const MAX_TRACKED = 100_000;

interface Run {
  /** Attempts in this run, each counted when it starts (a successful sign-in gives its count back). */
  attempts: number;
  /** When the last attempt started. */
  lastAt: number;
  /** No attempt before this time. */
  allowedAt: number;
}

/** One sign-in attempt that passed the limits; say how it ended. Neither ever rejects. */
export interface SignInAttempt {
  /** The password was right: the account's run from this address is forgotten, the address gets its count back. */
  succeeded(): Promise<void>;
  /** The attempt was never evaluated (the server was too busy): both runs get their count back. */
  cancelled(): Promise<void>;
}

/**
 * The sign-in limits as SessionService uses them: counted in this process's memory (SignInLimits, one
 * process), or in Redis for every process on one database (server/scaleout/RedisSignInLimits.ts).
 */
export interface SignInThrottle {
  /**
   * Counts an attempt, or rejects with TOO_MANY_ATTEMPTS (with retryAfterSeconds) when either run says
   * wait. Rejects for no other reason.
   */
  begin(email: string, address: string): Promise<SignInAttempt>;
}

/** The refusal of an attempt that must wait `waitMs` more. */
export function tooManyAttempts(waitMs: number): AppError {
  return new AppError('TOO_MANY_ATTEMPTS', 'Too many sign-in attempts. Please wait and try again.', {
    retryAfterSeconds: Math.ceil(waitMs / 1000),
  });
}

/**
 * Limits on sign-in attempts that hold under any concurrency: an attempt is counted the moment it starts,
 * before the password is hashed, so attempts in flight count too. Two runs are kept: per account and
 * address together, and per address. Past the free attempts of a run, each further attempt must wait
 * for a delay that doubles (1 s, 2 s, 4 s ... up to a maximum) instead of a fixed lock-out: someone
 * guessing one member's password from one address slows only themselves, and the member signing in
 * from their own address gets in at once. A run is forgotten after `forgetAfterMs` without attempts.
 * Kept in memory: a restart forgets it. Counted the moment `begin` is called (before it returns its promise).
 */
export class SignInLimits implements SignInThrottle {
  private readonly runs = new Map<string, Run>();

  constructor(
    private readonly options: SignInLimitOptions,
    private readonly clock: Clock,
  ) {}

  /** Counts an attempt, or throws TOO_MANY_ATTEMPTS (with retryAfterSeconds) when either run says wait. */
  async begin(email: string, address: string): Promise<SignInAttempt> {
    const now = this.clock().getTime();
    const accountKey = `a:${address}\u0000${email}`;
    const addressKey = `i:${address}`;
    const account = this.current(accountKey, now);
    const byAddress = this.current(addressKey, now);
    const allowedAt = Math.max(account.allowedAt, byAddress.allowedAt);
    if (allowedAt > now) throw tooManyAttempts(allowedAt - now);
    this.count(accountKey, account, now, this.options.freePerAccountAndAddress, this.options.maxDelayPerAccountAndAddressMs);
    this.count(addressKey, byAddress, now, this.options.freePerAddress, this.options.maxDelayPerAddressMs);
    return {
      succeeded: async () => {
        this.runs.delete(accountKey);
        this.giveBack(addressKey, byAddress, this.options.freePerAddress, this.options.maxDelayPerAddressMs);
      },
      cancelled: async () => {
        this.giveBack(accountKey, account, this.options.freePerAccountAndAddress, this.options.maxDelayPerAccountAndAddressMs);
        this.giveBack(addressKey, byAddress, this.options.freePerAddress, this.options.maxDelayPerAddressMs);
      },
    };
  }

  /** Runs remembered now (for tests and diagnostics). */
  get tracked(): number {
    return this.runs.size;
  }

  private current(key: string, now: number): Run {
    const run = this.runs.get(key);
    if (run && now - run.lastAt < this.options.forgetAfterMs) return run;
    return { attempts: 0, lastAt: now, allowedAt: 0 };
  }

  private count(key: string, run: Run, now: number, free: number, maxDelayMs: number): void {
    run.attempts += 1;
    run.lastAt = now;
    run.allowedAt = now + this.delay(run.attempts, free, maxDelayMs);
    // Re-inserted so the map's order is oldest-used first, for forgetting.
    this.runs.delete(key);
    this.runs.set(key, run);
    if (this.runs.size > MAX_TRACKED) this.forgetOldest(now);
  }

  private giveBack(key: string, run: Run, free: number, maxDelayMs: number): void {
    if (this.runs.get(key) !== run) return;
    run.attempts = Math.max(0, run.attempts - 1);
    run.allowedAt = run.lastAt + this.delay(run.attempts, free, maxDelayMs);
  }

  private delay(attempts: number, free: number, maxDelayMs: number): number {
    if (attempts < free) return 0;
    return Math.min(this.options.firstDelayMs * 2 ** Math.min(attempts - free, 30), maxDelayMs);
  }

  private forgetOldest(now: number): void {
    for (const [key, run] of this.runs) {
      if (this.runs.size <= MAX_TRACKED * 0.9 && now - run.lastAt < this.options.forgetAfterMs) break;
      this.runs.delete(key);
    }
  }
}
