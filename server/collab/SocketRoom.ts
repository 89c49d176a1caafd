import type { CollabLimits } from '../../shared/collab/limits.js';
import { encodeSavedMessage } from '../../shared/collab/savedProtocol.js';
import type { UpdateKind } from '../rooms/checkClientUpdate.js';
import type { DraftRoom } from '../rooms/DraftRoom.js';
import { RoomAwareness } from './RoomAwareness.js';
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

  constructor(
    readonly room: DraftRoom,
    limits: CollabLimits,
    private readonly onEmpty: (socketRoom: SocketRoom) => void,
  ) {
    this.broadcast = new RoomBroadcast(this.connections, () => this.presence.takeChanges());
    this.presence = new RoomAwareness(room.doc, limits, () => this.broadcast.awarenessChanged());
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
