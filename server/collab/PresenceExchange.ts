import type { AwarenessEntry } from './awarenessEntries.js';

/** A presence entry as it travels between server processes: with the member it is bound to. */
export interface SharedPresenceEntry extends AwarenessEntry {
  memberId: string;
}

/**
 * Presence shared with the other server processes of one database (several processes: server/scaleout
 * carries it over Redis). Each process publishes the entries of its own sockets as they change and again
 * every few seconds; it shows the others' entries to its sockets, and drops an entry that has not been
 * renewed for a few seconds (its process died).
 */
export interface PresenceExchange {
  publish(draftId: string, entries: readonly SharedPresenceEntry[]): void;
  /** Hears the other processes' entries; returns the unsubscribe function. */
  subscribe(listener: (draftId: string, entries: readonly SharedPresenceEntry[]) => void): () => void;
}

/** How often a process renews its sockets' presence for the others. */
export const PRESENCE_RENEW_MS = 2000;
/** An entry from another process not renewed for this long is gone (its process died, or lost its sockets). */
export const PRESENCE_EXPIRY_MS = 6000;
