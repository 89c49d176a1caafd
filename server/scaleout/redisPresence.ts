import { isId } from '../../shared/ids.js';
import type { PresenceExchange, SharedPresenceEntry } from '../collab/PresenceExchange.js';
import type { RedisBus } from './RedisBus.js';

/** More entries than this in one message is not one process's sockets in one draft. */
const MAX_ENTRIES = 1000;

/** Presence between the processes over the Redis bus (topic `presence`), as JSON; malformed messages are dropped. */
export function redisPresence(bus: RedisBus): PresenceExchange {
  const listeners = new Set<(draftId: string, entries: readonly SharedPresenceEntry[]) => void>();
  let subscribed = false;
  return {
    publish(draftId, entries) {
      bus.publish('presence', Buffer.from(JSON.stringify({ draftId, entries })));
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!subscribed) {
        subscribed = true;
        bus
          .subscribe('presence', (payload) => {
            const message = decodePresence(payload);
            if (message) for (const each of listeners) each(message.draftId, message.entries);
          })
          .catch(() => undefined);
      }
      return () => listeners.delete(listener);
    },
  };
}

export function decodePresence(payload: Buffer): { draftId: string; entries: SharedPresenceEntry[] } | null {
  try {
    const parsed = JSON.parse(payload.toString('utf8')) as { draftId?: unknown; entries?: unknown };
    if (!isId(parsed.draftId) || !Array.isArray(parsed.entries) || parsed.entries.length > MAX_ENTRIES) return null;
    const entries: SharedPresenceEntry[] = [];
    for (const raw of parsed.entries as Array<Record<string, unknown>>) {
      const { clientId, clock, state, memberId } = raw ?? {};
      const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
      const stateOk = state === null || (typeof state === 'object' && !Array.isArray(state));
      if (!isCount(clientId) || !isCount(clock) || !stateOk || typeof memberId !== 'string') return null;
      entries.push({ clientId, clock, state: state as Record<string, unknown> | null, memberId });
    }
    return { draftId: parsed.draftId, entries };
  } catch {
    return null;
  }
}
