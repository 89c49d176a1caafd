import { randomBytes } from 'node:crypto';
import type { Clock } from '../domain/Clock.js';
import { SignInLimits, tooManyAttempts, type SignInAttempt, type SignInLimitOptions, type SignInThrottle } from '../domain/SignInLimits.js';
import type { Log } from '../log.js';
import type { RedisBus } from './RedisBus.js';

/** What the limits need of the Redis bus (a fake in unit tests). */
export type ScriptRunner = Pick<RedisBus, 'runScript' | 'key'>;

/** How long a sign-in waits for Redis before it counts in this process instead. */
export const REDIS_SIGN_IN_TIMEOUT_MS = 1000;

/** The wait of a run after `attempts` attempts (SignInLimits.delay, in Lua). */
const DELAY_LUA = `
local function delay(attempts, free, maxDelay, first)
  if attempts < free then return 0 end
  return math.min(first * 2 ^ math.min(attempts - free, 30), maxDelay)
end
`;

/**
 * Counts an attempt in both runs, or says when the next one is allowed: SignInLimits.begin, atomic.
 * KEYS: the account-and-address run, the address run. ARGV: now, forgetAfterMs, firstDelayMs, then free
 * and the longest wait of each run, then the id a run started now gets. A run is a hash (attempts,
 * lastAt, allowedAt, id) that expires `forgetAfterMs` after its last attempt.
 * Returns {1, account run id, address run id} when counted, {0, allowedAt} when the attempt must wait.
 */
const BEGIN_LUA = `${DELAY_LUA}
local now, forget, first = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local runs, allowedAt = {}, 0
for i = 1, 2 do
  local stored = redis.call('HMGET', KEYS[i], 'attempts', 'lastAt', 'allowedAt', 'id')
  local run = { attempts = 0, allowedAt = 0, id = ARGV[8] }
  if stored[1] and stored[4] and now - tonumber(stored[2]) < forget then
    run = { attempts = tonumber(stored[1]), allowedAt = tonumber(stored[3]), id = stored[4] }
  end
  runs[i] = run
  allowedAt = math.max(allowedAt, run.allowedAt)
end
if allowedAt > now then return { 0, string.format('%.0f', allowedAt) } end
for i = 1, 2 do
  local attempts = runs[i].attempts + 1
  local wait = delay(attempts, tonumber(ARGV[2 + 2 * i]), tonumber(ARGV[3 + 2 * i]), first)
  redis.call('HSET', KEYS[i], 'attempts', attempts, 'lastAt', string.format('%.0f', now),
    'allowedAt', string.format('%.0f', now + wait), 'id', runs[i].id)
  redis.call('PEXPIRE', KEYS[i], forget)
end
return { 1, runs[1].id, runs[2].id }
`;

/**
 * How an attempt ended, for each run: 'forget' deletes it, 'giveBack' takes one attempt off it if it is
 * still the run the attempt was counted in (SignInLimits.giveBack). KEYS: the runs. ARGV: firstDelayMs,
 * then per run: the action, the run's id, its free attempts and its longest wait.
 */
const SETTLE_LUA = `${DELAY_LUA}
local first = tonumber(ARGV[1])
for i = 1, #KEYS do
  local at = 2 + (i - 1) * 4
  if ARGV[at] == 'forget' then
    redis.call('DEL', KEYS[i])
  else
    local stored = redis.call('HMGET', KEYS[i], 'attempts', 'lastAt', 'id')
    if stored[1] and stored[3] == ARGV[at + 1] then
      local attempts = math.max(0, tonumber(stored[1]) - 1)
      local wait = delay(attempts, tonumber(ARGV[at + 2]), tonumber(ARGV[at + 3]), first)
      redis.call('HSET', KEYS[i], 'attempts', attempts, 'allowedAt', string.format('%.0f', tonumber(stored[2]) + wait))
    end
  end
end
return 1
`;

type Settlement = 'forget' | 'giveBack';

/**
 * The sign-in limits of SignInLimits, counted in Redis so every process on one database counts the same
 * attempts: a burst of wrong passwords spread over the processes is limited as if it reached one. Each
 * attempt is one Lua script (check and count both runs at once), so concurrent attempts on any processes
 * never both take the last free one. Time is this process's clock, as for sessions' expiry: the
 * processes' clocks are expected to agree (NTP).
 *
 * When Redis does not answer (unreachable, or no answer within REDIS_SIGN_IN_TIMEOUT_MS), sign-in neither
 * fails nor waits longer: the attempt is counted by this process's own in-memory SignInLimits instead,
 * and that is logged (at most every 10 seconds). While Redis is away the limits hold per process, as they
 * would with each process alone; counts made then are not carried over to Redis.
 */
export class RedisSignInLimits implements SignInThrottle {
  /** The limits this process keeps while Redis does not answer. */
  readonly fallback: SignInLimits;
  private lastUnavailableLog = 0;

  constructor(
    private readonly redis: ScriptRunner,
    private readonly options: SignInLimitOptions,
    private readonly clock: Clock,
    private readonly log: Log,
    private readonly timeoutMs = REDIS_SIGN_IN_TIMEOUT_MS,
  ) {
    this.fallback = new SignInLimits(options, clock);
  }

  async begin(email: string, address: string): Promise<SignInAttempt> {
    const now = this.clock().getTime();
    const keys = [this.redis.key(`signin:a:${address}\u0000${email}`), this.redis.key(`signin:i:${address}`)];
    const o = this.options;
    const args = [now, o.forgetAfterMs, o.firstDelayMs, o.freePerAccountAndAddress, o.maxDelayPerAccountAndAddressMs];
    let answer: BeginAnswer;
    try {
      answer = readBeginAnswer(await this.run(BEGIN_LUA, keys, [...args, o.freePerAddress, o.maxDelayPerAddressMs, newRunId()]));
    } catch (error) {
      this.unavailable(error);
      return this.fallback.begin(email, address);
    }
    if (!answer.counted) throw tooManyAttempts(answer.allowedAt - now);
    const { accountRun, addressRun } = answer;
    return {
      succeeded: () =>
        this.settle(keys, [
          ['forget', accountRun],
          ['giveBack', addressRun],
        ]),
      cancelled: () =>
        this.settle(keys, [
          ['giveBack', accountRun],
          ['giveBack', addressRun],
        ]),
    };
  }

  /** Applies how an attempt ended to its runs; a failure is logged (the runs then keep the attempt counted). */
  private async settle(keys: string[], runs: [[Settlement, string], [Settlement, string]]): Promise<void> {
    const o = this.options;
    const limits = [
      [o.freePerAccountAndAddress, o.maxDelayPerAccountAndAddressMs],
      [o.freePerAddress, o.maxDelayPerAddressMs],
    ] as const;
    const args = runs.flatMap(([action, id], i) => [action, id, ...limits[i]!]);
    try {
      await this.run(SETTLE_LUA, keys, [o.firstDelayMs, ...args]);
    } catch (error) {
      this.unavailable(error);
    }
  }

  /** Runs a script, rejecting when Redis has not answered within the timeout. */
  private run(script: string, keys: string[], args: Array<string | number>): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    return Promise.race([this.redis.runScript(script, keys, args), timeout]).finally(() => clearTimeout(timer));
  }

  private unavailable(error: unknown): void {
    if (Date.now() - this.lastUnavailableLog < 10_000) return;
    this.lastUnavailableLog = Date.now();
    this.log.warn('Redis is unavailable: sign-in attempts are limited by this process alone until it answers', {
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

type BeginAnswer = { counted: true; accountRun: string; addressRun: string } | { counted: false; allowedAt: number };

/** Reads BEGIN_LUA's answer; throws on anything else (then counted as Redis failing). */
function readBeginAnswer(reply: unknown): BeginAnswer {
  if (Array.isArray(reply) && reply.length === 3 && reply[0] === 1 && typeof reply[1] === 'string' && typeof reply[2] === 'string') {
    return { counted: true, accountRun: reply[1], addressRun: reply[2] };
  }
  if (Array.isArray(reply) && reply.length === 2 && reply[0] === 0 && Number.isFinite(Number(reply[1]))) {
    return { counted: false, allowedAt: Number(reply[1]) };
  }
  throw new Error(`unexpected answer from the sign-in script: ${JSON.stringify(reply)}`);
}

function newRunId(): string {
  return randomBytes(8).toString('hex');
}
