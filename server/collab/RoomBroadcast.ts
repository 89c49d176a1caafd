import * as Y from 'yjs';
import { encodeSavedMessage, type DeleteSet } from '../../shared/collab/savedProtocol.js';
import type { RoomConnection } from './RoomConnection.js';
import { SharedFrame } from './SharedFrame.js';
import { encodeSyncUpdate } from './syncMessages.js';

/**
 * What the sockets of one draft receive, framed once. A batch of the room's accepted changes (already one
 * per event-loop turn: TurnOutbox) goes out as one update message per connection (merged with
 * Y.mergeUpdates: stock y-websocket clients read exactly one message per frame), written as the same bytes
 * to every socket but its senders, which get the others' part only. Presence changes go out as one
 * awareness message at most once per `awarenessIntervalMs`: a room of hundreds renewing presence together
 * (y-protocols renews every 15 s) costs a few broadcasts instead of one per client, each to everyone.
 * "Saved" notices go to the connections that subscribed to them.
 */
export class RoomBroadcast {
  private awarenessPending = false;
  private awarenessTimer: NodeJS.Timeout | null = null;
  private lastAwareness = -Infinity;
  private scheduled: NodeJS.Immediate | null = null;

  /**
   * @param connections the draft's live set of connections (read when sending, so a joiner gets what is pending too)
   * @param takeAwareness the awareness message of the presence changes since the last call, or null
   * @param options.awarenessIntervalMs least time between two presence broadcasts @default 50
   */
  constructor(
    private readonly connections: ReadonlySet<RoomConnection>,
    private readonly takeAwareness: () => Uint8Array | null,
    private readonly options: { awarenessIntervalMs?: number } = {},
  ) {}

  /** Sends a batch of accepted changes (`merged`: their updates as one) to every connection, each without its own. */
  updates(batch: readonly { update: Uint8Array; origin: unknown }[], merged: Uint8Array): void {
    const everything = new SharedFrame(encodeSyncUpdate(merged));
    const origins = new Set(batch.map((change) => change.origin));
    for (const conn of this.connections) {
      if (!origins.has(conn)) {
        conn.send(everything);
        continue;
      }
      // One of the senders of this batch: everything but its own updates (rare: several writers per turn).
      const others = batch.filter((change) => change.origin !== conn);
      if (others.length > 0)
        conn.send(encodeSyncUpdate(others.length === 1 ? others[0]!.update : Y.mergeUpdates(others.map((change) => change.update))));
    }
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

  /** Sends pending presence changes now (the end of the turn does it otherwise). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    if (!this.awarenessPending) return;
    this.awarenessPending = false;
    this.lastAwareness = performance.now();
    const message = this.takeAwareness();
    if (!message) return;
    const frame = new SharedFrame(message);
    for (const conn of this.connections) conn.send(frame);
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
    this.awarenessPending = false;
  }

  private schedule(): void {
    this.scheduled ??= setImmediate(() => this.flush());
  }
}
