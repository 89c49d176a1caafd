import * as Y from 'yjs';
import { encodeSavedMessage, type DeleteSet } from '../../shared/collab/savedProtocol.js';
import type { RoomConnection } from './RoomConnection.js';
import { SharedFrame } from './SharedFrame.js';
import { encodeSyncUpdate } from './syncMessages.js';

interface PendingUpdate {
  update: Uint8Array;
  /** The connection that sent it (it does not get it back), or anything else for the server's own changes. */
  origin: unknown;
}

/**
 * What a room sends to everyone, coalesced. In a busy room (an update went out less than `quietMs` ago)
 * the document updates accepted during one event-loop turn go out at its end as one update message per
 * connection (merged with Y.mergeUpdates: stock y-websocket clients read exactly one message per frame),
 * framed once and written as the same bytes to every socket; in a quiet room an update goes out at once,
 * as nothing is likely to join it. Presence changes go out as one awareness message after them, at most once per
 * `awarenessIntervalMs`: a room of hundreds renewing presence together (y-protocols renews every 15 s)
 * costs a few broadcasts instead of one per client, each to everyone. Under load this turns many small
 * frames (a syscall each) into few; with light traffic nothing waits beyond the end of the turn.
 * "Saved" notices go to the connections that subscribed to them.
 */
export class RoomBroadcast {
  private updates: PendingUpdate[] = [];
  private awarenessPending = false;
  private awarenessTimer: NodeJS.Timeout | null = null;
  private lastAwareness = -Infinity;
  private lastUpdates = -Infinity;
  private scheduled: NodeJS.Immediate | null = null;

  /**
   * @param connections the room's live set of connections (read at flush time, so a joiner gets what is pending too)
   * @param takeAwareness the awareness message of the presence changes since the last call, or null
   * @param options.afterUpdates called with the turn's updates merged into one, once they were sent
   *   (the room stores them then: what clients wait for goes first) @default none
   * @param options.awarenessIntervalMs least time between two presence broadcasts @default 50
   * @param options.quietMs a room that sent no update for longer than this sends the next at once (Infinity: never) @default 20
   */
  constructor(
    private readonly connections: ReadonlySet<RoomConnection>,
    private readonly takeAwareness: () => Uint8Array | null,
    private readonly options: { afterUpdates?: (merged: Uint8Array) => void; awarenessIntervalMs?: number; quietMs?: number } = {},
  ) {}

  /** Updates queued and not sent yet. */
  get pendingUpdates(): number {
    return this.updates.length;
  }

  /** Sends an accepted document update to every connection but `origin`, at once or at the end of the turn. */
  update(update: Uint8Array, origin: unknown): void {
    this.updates.push({ update, origin });
    if (this.updates.length === 1 && performance.now() - this.lastUpdates > (this.options.quietMs ?? 20)) {
      this.lastUpdates = performance.now();
      this.sendUpdates(this.updates.splice(0));
      return;
    }
    this.schedule();
  }

  /** Presence changed: its message goes out at the end of the turn, or once the interval since the last one has passed. */
  awarenessChanged(): void {
    if (this.awarenessPending || this.awarenessTimer) return;
    const wait = this.lastAwareness + (this.options.awarenessIntervalMs ?? 50) - performance.now();
    if (wait > 0) {
      this.awarenessTimer = setTimeout(() => {
        this.awarenessTimer = null;
        this.awarenessPending = true;
        this.flush();
      }, wait);
      return;
    }
    this.awarenessPending = true;
    this.schedule();
  }

  /** Sends what is pending now (the end of the turn does it otherwise). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    const updates = this.updates;
    this.updates = [];
    if (updates.length > 0) {
      this.lastUpdates = performance.now();
      this.sendUpdates(updates);
    }
    if (this.awarenessPending) {
      this.awarenessPending = false;
      this.lastAwareness = performance.now();
      const message = this.takeAwareness();
      if (message) {
        const frame = new SharedFrame(message);
        for (const conn of this.connections) conn.send(frame);
      }
    }
  }

  /** MESSAGE_SAVED to the connections that asked for it, at once (persistence announces once per turn already). */
  saved(stateVector: Map<number, number>, newDeletions: DeleteSet): void {
    let message: SharedFrame | null = null;
    for (const conn of this.connections) {
      if (!conn.savedSubscribed) continue;
      message ??= new SharedFrame(encodeSavedMessage(stateVector, newDeletions));
      conn.send(message);
    }
  }

  /** Drops what is pending (the room is leaving memory). */
  dispose(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.scheduled = null;
    this.awarenessTimer = null;
    this.updates = [];
    this.awarenessPending = false;
  }

  private schedule(): void {
    this.scheduled ??= setImmediate(() => this.flush());
  }

  private sendUpdates(updates: PendingUpdate[]): void {
    const merged = merge(updates);
    const everything = new SharedFrame(encodeSyncUpdate(merged));
    const origins = new Set(updates.map((u) => u.origin));
    for (const conn of this.connections) {
      if (!origins.has(conn)) {
        conn.send(everything);
        continue;
      }
      // One of the senders of this turn: everything but its own updates (rare: several writers per turn).
      const others = updates.filter((u) => u.origin !== conn);
      if (others.length > 0) conn.send(encodeSyncUpdate(merge(others)));
    }
    this.options.afterUpdates?.(merged);
  }
}

function merge(updates: PendingUpdate[]): Uint8Array {
  return updates.length === 1 ? updates[0]!.update : Y.mergeUpdates(updates.map((u) => u.update));
}
