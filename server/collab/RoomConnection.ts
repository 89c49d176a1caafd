import type { CloseCode } from '../../shared/collab/closeCodes.js';
import type { CollabUser } from './CollabHooks.js';
import type { SharedFrame } from './SharedFrame.js';
import type { UpdateKind } from './checkClientUpdate.js';

/** Where a connection's client stands in the sync handshake (CollabConnection reads it, the room completes it). */
export interface SyncHandshake {
  /** The state vector the client declared in its latest sync step 1 (empty until it sent one). */
  declared: Map<number, number>;
  /** True once the client answered the server's greeting (sync step 1) with its sync step 2. */
  answered: boolean;
}

/** A socket as its document room sees it (implemented by CollabConnection). */
export interface RoomConnection {
  readonly user: CollabUser;
  /** Awareness client ids this connection speaks for; the room keeps it current. */
  readonly clientIds: Set<number>;
  /** Where the client stands in the sync handshake. */
  readonly sync: SyncHandshake;
  /** Whether this client asked for MESSAGE_SAVED notices. */
  readonly savedSubscribed: boolean;
  /**
   * Queues a message unless the socket is closing; closes it with SLOW_CONSUMER when the client is not
   * reading. A SharedFrame (broadcasts) is framed once for every connection.
   */
  send(message: Uint8Array | SharedFrame): void;
  /** Closes with a code from shared/collab/closeCodes.ts and leaves the room at once. */
  close(code: CloseCode, reason: string): void;
  /** The room is loaded and has sent its greeting: process messages (those queued meanwhile first). */
  attach(room: RoomApi): void;
}

/** What a connection asks of its room once the room is loaded (implemented by DocumentRoom). */
export interface RoomApi {
  /** Sync step 2 for a client's state vector; throws CollabRefusal when it does not decode. */
  syncStep2For(stateVector: Uint8Array): Uint8Array | SharedFrame;
  /** Takes a client's document update (checked and applied in turn; a refused one closes `conn`). */
  applyUpdate(conn: RoomConnection, update: Uint8Array, kind: UpdateKind): void;
  receiveAwareness(conn: RoomConnection, update: Uint8Array): void;
  /** Every known presence state, or null when nobody is present. */
  awarenessMessage(): Uint8Array | null;
  /** MESSAGE_SAVED with everything durable so far. */
  savedMessage(): Uint8Array;
}
