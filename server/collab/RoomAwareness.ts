import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { CollabLimits } from '../../shared/collab/limits.js';
import { encodeAwarenessEntries, readAwarenessEntries, type AwarenessEntry } from './awarenessEntries.js';
import type { SharedPresenceEntry } from './PresenceExchange.js';
import { PresenceBudget } from './PresenceBudget.js';
import { bindPresence, colorFor } from './presenceUser.js';
import type { RoomConnection } from './RoomConnection.js';
import { encodeAwareness, encodeAwarenessMessage } from './syncMessages.js';

/** The origin of presence changes that came from another server process. */
export const REMOTE = Symbol('presence from another process');

/**
 * Presence in one room, bound to the signed-in members. A connection speaks only for the awareness
 * client ids it introduced: an entry for an id held by another member's connection is ignored (stock
 * clients legitimately relay "peer timed out" entries, so this is not a reason to close). The same
 * member reconnecting takes its id over from the stale socket. Every accepted state gets `user` from
 * the server's record. Changes are collected and sent once per event-loop turn (RoomBroadcast calls
 * takeChanges), so a room full of clients renewing their presence together costs a few broadcasts, not
 * one per client; they go to every connection, the sender included: y-websocket clients count that echo
 * as a sign of life. What one member's pages pass on to everyone is limited in bytes per second
 * (PresenceBudget): a state over the budget waits, and only the latest state of a page goes out later.
 */
export class RoomAwareness {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly owners = new Map<number, RoomConnection>();
  /** The colour each member present in this room was given, kept while any of their connections stays. */
  private readonly colors = new Map<string, string>();
  /** Client ids changed since the last takeChanges, with the clock of those that left (their meta is dropped). */
  private readonly changed = new Map<number, number | null>();
  /** Bytes of each present client's state as received. */
  private readonly sizes = new Map<number, number>();
  private readonly budget: PresenceBudget;
  private retryTimer: NodeJS.Timeout | null = null;
  /** Entries of other server processes' sockets (several processes): when each was last renewed, and whose it is. */
  private readonly remote = new Map<number, { seen: number; memberId: string }>();

  /** @param onChange called after every change; the owner then calls takeChanges (once per turn). */
  constructor(
    doc: Y.Doc,
    private readonly limits: Pick<
      CollabLimits,
      'maxAwarenessStateBytes' | 'maxAwarenessClientsPerConnection' | 'presenceBytesPerSecondPerMember' | 'presenceBurstBytesPerMember'
    >,
    private readonly onChange: () => void,
  ) {
    this.budget = new PresenceBudget(limits.presenceBytesPerSecondPerMember, limits.presenceBurstBytesPerMember);
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server itself is not present in any draft.
    this.awareness.setLocalState(null);
    this.awareness.on('update', ({ added, updated, removed }: Record<'added' | 'updated' | 'removed', number[]>) => {
      for (const id of [...added, ...updated]) this.changed.set(id, null);
      for (const id of removed) this.changed.set(id, this.awareness.meta.get(id)?.clock ?? 0);
      if (this.changed.size > 0) onChange();
    });
  }

  /**
   * One awareness message with the current entry of every client changed since the last call that its
   * member's budget lets through, or null. Entries held back stay changed and are offered again shortly.
   */
  takeChanges(): Uint8Array | null {
    if (this.changed.size === 0) return null;
    const states = this.awareness.getStates();
    const entries: AwarenessEntry[] = [];
    let heldBack = 0;
    for (const [clientId, leftAtClock] of this.changed) {
      const state = states.get(clientId) ?? null;
      const member = this.owners.get(clientId)?.member.id;
      if (state !== null && member !== undefined) {
        const wait = this.budget.take(member, this.sizes.get(clientId) ?? 0);
        if (wait > 0) {
          heldBack = heldBack === 0 ? wait : Math.min(heldBack, wait);
          continue;
        }
      }
      const clock = this.awareness.meta.get(clientId)?.clock ?? leftAtClock ?? 0;
      entries.push({ clientId, clock, state });
      this.changed.delete(clientId);
    }
    if (heldBack > 0) this.offerAgainIn(heldBack);
    return entries.length > 0 ? encodeAwarenessMessage(encodeAwarenessEntries(entries)) : null;
  }

  /** Applies a client's awareness update after checking it (throws RoomRefusal on a malformed or oversized one). */
  receive(conn: RoomConnection, update: Uint8Array): void {
    const accepted: AwarenessEntry[] = [];
    for (const entry of readAwarenessEntries(update, this.limits.maxAwarenessStateBytes)) {
      if (!this.claim(conn, entry)) continue;
      if (entry.state === null) this.sizes.delete(entry.clientId);
      else this.sizes.set(entry.clientId, entry.bytes);
      accepted.push(
        entry.state === null ? entry : { ...entry, state: bindPresence(entry.state, conn.member, this.colorOf(conn.member.id)) },
      );
    }
    if (accepted.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), conn);
  }

  /** The entries of this process's own sockets (to share with other processes), with their members. */
  localEntries(ids: Iterable<number> = this.owners.keys()): SharedPresenceEntry[] {
    const states = this.awareness.getStates();
    const entries: SharedPresenceEntry[] = [];
    for (const clientId of ids) {
      const owner = this.owners.get(clientId);
      if (!owner) continue;
      const clock = this.awareness.meta.get(clientId)?.clock ?? 0;
      entries.push({ clientId, clock, state: states.get(clientId) ?? null, memberId: owner.member.id });
    }
    return entries;
  }

  /**
   * Shows entries of another server process's sockets (already bound to their members there). An id one
   * of this process's sockets speaks for stays theirs; an entry renewed with the same clock only counts as
   * renewed.
   */
  applyRemote(entries: readonly SharedPresenceEntry[], now = Date.now()): void {
    const accepted: AwarenessEntry[] = [];
    for (const entry of entries) {
      if (this.owners.has(entry.clientId)) continue;
      if (entry.state === null) this.remote.delete(entry.clientId);
      else this.remote.set(entry.clientId, { seen: now, memberId: entry.memberId });
      accepted.push({ clientId: entry.clientId, clock: entry.clock, state: entry.state });
    }
    if (accepted.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), REMOTE);
  }

  /** Drops other processes' entries not renewed within `maxAgeMs` (their process died); everyone sees them go. */
  expireRemote(maxAgeMs: number, now = Date.now()): void {
    const stale = [...this.remote].filter(([, { seen }]) => now - seen > maxAgeMs).map(([id]) => id);
    if (stale.length === 0) return;
    for (const id of stale) this.remote.delete(id);
    awarenessProtocol.removeAwarenessStates(this.awareness, stale, REMOTE);
    for (const id of stale) this.awareness.meta.delete(id);
  }

  /** Every known state as one message for a client that just joined, or null when nobody is present. */
  stateMessage(): Uint8Array | null {
    return this.awareness.getStates().size > 0 ? encodeAwareness(this.awareness) : null;
  }

  /** Removes a leaving connection's states (others see it go) and frees its client ids. */
  release(conn: RoomConnection): void {
    const ids = [...conn.clientIds].filter((id) => this.owners.get(id) === conn);
    for (const id of ids) {
      this.owners.delete(id);
      this.sizes.delete(id);
    }
    conn.clientIds.clear();
    awarenessProtocol.removeAwarenessStates(this.awareness, ids, 'left');
    // Forget the clocks too, so the same client id reconnecting with its old clock is accepted again.
    for (const id of ids) this.awareness.meta.delete(id);
    if (![...this.owners.values()].some((owner) => owner.member.id === conn.member.id)) this.colors.delete(conn.member.id);
  }

  private colorOf(userId: string): string {
    let color = this.colors.get(userId);
    if (!color) {
      color = colorFor(userId, new Set(this.colors.values()));
      this.colors.set(userId, color);
    }
    return color;
  }

  destroy(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.awareness.destroy();
  }

  private offerAgainIn(ms: number): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.changed.size > 0) this.onChange();
    }, Math.ceil(ms));
    this.retryTimer.unref();
  }

  private claim(conn: RoomConnection, entry: AwarenessEntry): boolean {
    const owner = this.owners.get(entry.clientId);
    if (owner === conn) return true;
    if (entry.state === null) return false;
    if (owner && owner.member.id !== conn.member.id) return false;
    // An id another process's socket speaks for: only the same member takes it over (the page moved here).
    const elsewhere = this.remote.get(entry.clientId);
    if (elsewhere && elsewhere.memberId !== conn.member.id) return false;
    this.remote.delete(entry.clientId);
    if (conn.clientIds.size >= this.limits.maxAwarenessClientsPerConnection) return false;
    owner?.clientIds.delete(entry.clientId);
    this.owners.set(entry.clientId, conn);
    conn.clientIds.add(entry.clientId);
    return true;
  }
}
