import type { UpdateKind } from '../rooms/checkClientUpdate.js';
import type { RoomClient } from '../rooms/RoomClient.js';
import type { SharedFrame } from './SharedFrame.js';

/** A socket as the sockets of its draft see it (implemented by CollabConnection); the room sees it as a RoomClient. */
export interface RoomConnection extends RoomClient {
  /** Awareness client ids this connection speaks for; its SocketRoom keeps it current. */
  readonly clientIds: Set<number>;
  /** Whether this client asked for MESSAGE_SAVED notices. */
  readonly savedSubscribed: boolean;
  /**
   * Queues a message unless the socket is closing; closes it with SLOW_CONSUMER when the client is not
   * reading. A SharedFrame (broadcasts) is framed once for every connection.
   */
  send(message: Uint8Array | SharedFrame): void;
  /** Its room is loaded and the greeting sent: process messages (those queued meanwhile first). */
  attach(room: RoomApi): void;
}

/** What a connection asks of the sockets of its draft once the room is loaded (implemented by SocketRoom). */
export interface RoomApi {
  /** Sync step 2 for a client's state vector; throws RoomRefusal when it does not decode. */
  syncStep2For(stateVector: Uint8Array): Uint8Array | SharedFrame;
  /** Takes a client's document update (checked and applied in turn by the room; a refused one ends `conn`). */
  applyUpdate(conn: RoomConnection, update: Uint8Array, kind: UpdateKind): void;
  receiveAwareness(conn: RoomConnection, update: Uint8Array): void;
  /** Every known presence state, or null when nobody is present. */
  awarenessMessage(): Uint8Array | null;
  /** MESSAGE_SAVED with everything durable so far. */
  savedMessage(): Uint8Array;
}
