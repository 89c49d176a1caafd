import type { CollabLimits } from '../../shared/collab/limits.js';
import { encodeSavedMessage } from '../../shared/collab/savedProtocol.js';
import type { UpdateKind } from '../rooms/checkClientUpdate.js';
import type { DraftRoom } from '../rooms/DraftRoom.js';
import { PRESENCE_EXPIRY_MS, PRESENCE_RENEW_MS, type PresenceExchange, type SharedPresenceEntry } from './PresenceExchange.js';
import { REMOTE, RoomAwareness } from './RoomAwareness.js';
import { RoomBroadcast } from './RoomBroadcast.js';
import type { RoomApi, RoomConnection } from './RoomConnection.js';
import type { SharedFrame } from './SharedFrame.js';
import { SyncStep2Cache } from './SyncStep2Cache.js';
import { encodeSyncStep1 } from './syncMessages.js';

/**
 * The sockets editing one loaded draft room: greets each the way y-websocket's server does (sync step 1,
 * then everyone's presence), answers their sync step 1 (SyncStep2Cache), hands their updates to the room,
 * keeps their presence (RoomAwareness), and sends them the room's accepted changes and "saved" notices as
 * the room announces them (RoomBroadcast). Disposed when its last socket leaves.
 */
export class SocketRoom implements RoomApi {
  private readonly connections = new Set<RoomConnection>();
  private readonly presence: RoomAwareness;
  private readonly broadcast: RoomBroadcast;
  private readonly step2: SyncStep2Cache;
  private readonly stopListening: () => void;
  private readonly invalidateStep2 = () => this.step2.invalidate();
  private readonly renewTimer: NodeJS.Timeout | null = null;

  /** @param exchange presence shared with other server processes (several processes on one database), or null */
  constructor(
    readonly room: DraftRoom,
    limits: CollabLimits,
    private readonly onEmpty: (socketRoom: SocketRoom) => void,
    private readonly exchange: PresenceExchange | null = null,
  ) {
    this.broadcast = new RoomBroadcast(this.connections, () => this.presence.takeChanges());
    this.presence = new RoomAwareness(room.doc, limits, () => this.broadcast.awarenessChanged());
    if (exchange) {
      // This process's sockets' presence goes to the others as it changes, and again every few seconds.
      this.presence.awareness.on('update', this.sharePresence);
      this.renewTimer = setInterval(() => {
        const entries = this.presence.localEntries();
        if (entries.length > 0) exchange.publish(room.draftId, entries);
        this.presence.expireRemote(PRESENCE_EXPIRY_MS);
      }, PRESENCE_RENEW_MS);
      this.renewTimer.unref();
    }
    this.step2 = new SyncStep2Cache(room.doc);
    room.doc.on('update', this.invalidateStep2);
    this.stopListening = room.listen({
      updates: (batch, merged) => this.broadcast.updates(batch, merged),
      saved: (stateVector, newDeletions) => this.broadcast.saved(stateVector, newDeletions),
    });
  }

  /** Sends a connection its greeting and lets it in: from now on it receives what the room sends. */
  greet(conn: RoomConnection): void {
    conn.send(encodeSyncStep1(this.room.greetingStateVector(conn.member.id)));
    const presence = this.presence.stateMessage();
    if (presence) conn.send(presence);
    this.connections.add(conn);
    conn.attach(this);
  }

  /** Removes a connection and its presence; the last one out disposes of this. */
  leave(conn: RoomConnection): void {
    if (!this.connections.delete(conn)) return;
    this.presence.release(conn);
    if (this.connections.size > 0) return;
    this.stopListening();
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.room.doc.off('update', this.invalidateStep2);
    this.broadcast.dispose();
    this.presence.destroy();
    this.onEmpty(this);
  }

  syncStep2For(stateVector: Uint8Array): Uint8Array | SharedFrame {
    return this.step2.answer(stateVector);
  }

  applyUpdate(conn: RoomConnection, update: Uint8Array, kind: UpdateKind): void {
    this.room.receive(conn, update, kind);
  }

  /** Presence of another server process's sockets in this draft. */
  applyRemotePresence(entries: readonly SharedPresenceEntry[]): void {
    this.presence.applyRemote(entries);
  }

  private readonly sharePresence = (
    { added, updated, removed }: Record<'added' | 'updated' | 'removed', number[]>,
    origin: unknown,
  ): void => {
    if (origin === REMOTE || !this.exchange) return;
    const entries: SharedPresenceEntry[] = this.presence.localEntries([...added, ...updated]);
    // Removed ids have no owner any more: they go out as "left", at the clock they had (others drop them at it).
    for (const clientId of removed) {
      entries.push({ clientId, clock: this.presence.awareness.meta.get(clientId)?.clock ?? 0, state: null, memberId: '' });
    }
    if (entries.length > 0) this.exchange.publish(this.room.draftId, entries);
  };

  receiveAwareness(conn: RoomConnection, update: Uint8Array): void {
    this.presence.receive(conn, update);
  }

  awarenessMessage(): Uint8Array | null {
    return this.presence.stateMessage();
  }

  savedMessage(): Uint8Array {
    const saved = this.room.saved();
    return encodeSavedMessage(saved.stateVector, saved.deletions);
  }
}
