import { randomBytes } from 'node:crypto';
import type { MemberSlots } from '../collab/MemberSlots.js';
import type { Log } from '../log.js';
import type { RedisBus } from './RedisBus.js';

/** How long a slot lives in Redis without renewal (its process died): then it is free again. */
const SLOT_TTL_MS = 30_000;
/** How often a process renews the slots it holds. */
const RENEW_MS = 10_000;

/**
 * Atomically: drop each scope's expired slots; if any scope is full, take nothing (0); else add the slot
 * to every scope (1). KEYS: the scopes' sorted sets; ARGV: now, expiry, slot, then one limit per key.
 */
const TAKE = `
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', ARGV[1])
  if redis.call('ZCARD', key) >= tonumber(ARGV[3 + i]) then return 0 end
end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, ARGV[2], ARGV[3])
  redis.call('PEXPIRE', key, ${SLOT_TTL_MS * 2})
end
return 1`;

/** Renews slots (ARGV: expiry, then slot per key) and frees others (KEYS beyond the renewed ones are freed: not used). */
const RENEW = `
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, 'XX', ARGV[1], ARGV[1 + i])
  redis.call('PEXPIRE', key, ${SLOT_TTL_MS * 2})
end
return 1`;

/**
 * Member slots counted across every process in Redis: one sorted set per scope (a member's sockets to one
 * draft, in all, their event streams), each slot scored with when it expires. A process renews its slots
 * every 10 s, so the slots of a process that died free themselves within 30 s. When Redis does not answer,
 * the slot is granted: the process's own cap still holds (limits degrade to per process, never to none).
 */
export class RedisMemberSlots implements MemberSlots {
  private readonly held = new Map<string, { keys: string[] }>();
  private readonly timer: NodeJS.Timeout;
  private lastFailureLog = 0;

  constructor(
    private readonly bus: RedisBus,
    private readonly log: Log,
  ) {
    this.timer = setInterval(() => void this.renew(), RENEW_MS);
    this.timer.unref();
  }

  async take(scopes: ReadonlyArray<{ key: string; limit: number }>): Promise<(() => void) | null> {
    const slot = `${this.bus.processId}:${randomBytes(6).toString('hex')}`;
    const keys = scopes.map((scope) => this.bus.key(`slots:${scope.key}`));
    try {
      const now = Date.now();
      const taken = await withTimeout(
        this.bus.runScript(TAKE, keys, [now, now + SLOT_TTL_MS, slot, ...scopes.map((scope) => scope.limit)]),
        1000,
      );
      if (taken !== 1) return null;
    } catch (error) {
      this.failed(error);
      return () => undefined;
    }
    this.held.set(slot, { keys });
    return () => {
      this.held.delete(slot);
      void Promise.all(keys.map((key) => this.bus.runScript("return redis.call('ZREM', KEYS[1], ARGV[1])", [key], [slot]))).catch(
        (error: unknown) => this.failed(error),
      );
    };
  }

  close(): void {
    clearInterval(this.timer);
  }

  private async renew(): Promise<void> {
    const expiry = Date.now() + SLOT_TTL_MS;
    for (const [slot, { keys }] of this.held) {
      try {
        await this.bus.runScript(RENEW, keys, [expiry, ...keys.map(() => slot)]);
      } catch (error) {
        this.failed(error);
        return;
      }
    }
  }

  private failed(error: unknown): void {
    if (Date.now() - this.lastFailureLog < 10_000) return;
    this.lastFailureLog = Date.now();
    this.log.warn('counting member slots in Redis failed; each process counts its own meanwhile', { error: (error as Error).message });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]);
}
