import { randomBytes } from 'node:crypto';
import type { MemberSlots, SlotScope } from '../collab/MemberSlots.js';
import type { Log } from '../log.js';
import type { RedisBus } from './RedisBus.js';

/** How long a process counts as alive after its last renewal: once it has died, its slots stop counting within this. */
export const PROCESS_ALIVE_MS = 6000;
/** How often a process renews its own liveness (and retries giving back slots Redis did not take back). */
const RENEW_MS = 2000;
/** How long Redis waits for an answer before the slot is granted on this process's own count. */
const TAKE_TIMEOUT_MS = 1000;
/** A scope's set is dropped after a day without a slot taken in it (then it undercounts: the lenient side). */
const SCOPE_TTL_MS = 24 * 60 * 60_000;

/**
 * Atomically: renew this process's liveness; drop from each scope the slots of processes that are no longer
 * alive; if any scope is then full, take nothing (0); else add the slot to every scope (1).
 * KEYS: the scopes' sets. ARGV: the liveness key prefix, this process, the slot, then one limit per key.
 * A slot is `<process>:<random>`; a process is alive while its key `<prefix><process>` exists.
 */
const TAKE = `
redis.call('SET', ARGV[1] .. ARGV[2], '1', 'PX', ${PROCESS_ALIVE_MS})
for i, key in ipairs(KEYS) do
  for _, slot in ipairs(redis.call('SMEMBERS', key)) do
    local owner = string.match(slot, '^([^:]+):')
    if owner == nil or redis.call('EXISTS', ARGV[1] .. owner) == 0 then redis.call('SREM', key, slot) end
  end
  if redis.call('SCARD', key) >= tonumber(ARGV[3 + i]) then return 0 end
end
for _, key in ipairs(KEYS) do
  redis.call('SADD', key, ARGV[3])
  redis.call('PEXPIRE', key, ${SCOPE_TTL_MS})
end
return 1`;

/** Gives a slot back in every scope it was taken in. KEYS: the scopes' sets; ARGV: the slot. */
const GIVE_BACK = `
for _, key in ipairs(KEYS) do redis.call('SREM', key, ARGV[1]) end
return 1`;

/**
 * A member's caps counted across every process in Redis: one set per scope (a member's sockets to one draft,
 * their sockets in all, their event streams of one kind), each slot named after the process holding it.
 * Each process keeps a liveness key that it renews every 2 s; a slot counts only while its process is alive,
 * so the slots of a process that died (kill -9) stop counting within PROCESS_ALIVE_MS and its members'
 * pages, reconnecting to the other processes, get their places back. A process that stops cleanly deletes
 * its key at once.
 *
 * When Redis does not answer (unreachable, or no answer within 1 s), the slot is granted: each process's
 * own cap still holds, so limits degrade to per process, never to none. A slot Redis took after all (a late
 * answer), or one it did not take back when given (Redis away), is given back on the next renewal, so a
 * member is never refused over a slot nobody holds.
 */
export class RedisMemberSlots implements MemberSlots {
  /** Slots given back while Redis did not answer: given back again on each renewal until Redis takes them. */
  private readonly owed = new Map<string, string[]>();
  private readonly timer: NodeJS.Timeout;
  private readonly aliveKey: string;
  private lastFailureLog = 0;

  constructor(
    private readonly bus: Pick<RedisBus, 'processId' | 'runScript' | 'key'>,
    private readonly log: Log,
  ) {
    this.aliveKey = bus.key('alive:');
    this.timer = setInterval(() => void this.renew(), RENEW_MS);
    this.timer.unref();
  }

  async take(scopes: readonly SlotScope[]): Promise<(() => void) | null> {
    const slot = `${this.bus.processId}:${randomBytes(6).toString('hex')}`;
    const keys = scopes.map((scope) => this.bus.key(`slots:${scope.key}`));
    const release = () => void this.giveBack(slot, keys);
    const answer = this.bus.runScript(TAKE, keys, [this.aliveKey, this.bus.processId, slot, ...scopes.map((scope) => scope.limit)]);
    try {
      if ((await withTimeout(answer, TAKE_TIMEOUT_MS)) !== 1) return null;
    } catch (error) {
      this.failed(error);
      // Granted on this process's own count; should Redis still take the slot, it is given back with the socket.
    }
    return release;
  }

  /** Stops renewing and deletes this process's liveness, so its slots stop counting at once. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    try {
      await withTimeout(this.bus.runScript("return redis.call('DEL', KEYS[1])", [this.aliveKey + this.bus.processId], []), TAKE_TIMEOUT_MS);
    } catch {
      // Its key expires by itself within PROCESS_ALIVE_MS.
    }
  }

  private async giveBack(slot: string, keys: string[]): Promise<void> {
    try {
      await withTimeout(this.bus.runScript(GIVE_BACK, keys, [slot]), TAKE_TIMEOUT_MS);
      this.owed.delete(slot);
    } catch (error) {
      this.owed.set(slot, keys);
      this.failed(error);
    }
  }

  private async renew(): Promise<void> {
    try {
      await this.bus.runScript(
        `redis.call('SET', KEYS[1], '1', 'PX', ${PROCESS_ALIVE_MS}) return 1`,
        [this.aliveKey + this.bus.processId],
        [],
      );
    } catch (error) {
      this.failed(error);
      return;
    }
    for (const [slot, keys] of [...this.owed]) await this.giveBack(slot, keys);
  }

  private failed(error: unknown): void {
    if (Date.now() - this.lastFailureLog < 10_000) return;
    this.lastFailureLog = Date.now();
    this.log.warn('counting members’ open pages in Redis failed; each process counts its own meanwhile', {
      error: (error as Error).message,
    });
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
