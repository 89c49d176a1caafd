import type { CloseCode } from '../../shared/collab/closeCodes.js';
import type { Role } from '../../shared/roles.js';

/** Who a client of a draft room is, from the server's records (never from what the client claims). */
export interface RoomMember {
  id: string;
  name: string;
  role: Role;
  /** The delegation's name, or null for members without one. */
  delegation: string | null;
  /** The delegation's id, or null. Extensions decide what it means for the member's edits (brackets). */
  delegationId: string | null;
  /**
   * Reviewers, and everyone while the draft is archived: their document updates are never applied (the
   * transport drops them before the room).
   */
  readOnly: boolean;
}

/** Where a client stands in the sync handshake (the transport records what it declared; the room completes it). */
export interface SyncHandshake {
  /** The state vector the client declared in its latest sync step 1 (empty until it sent one). */
  declared: Map<number, number>;
  /** True once the client answered the room's greeting (its state vector) with its sync step 2. */
  answered: boolean;
}

/**
 * One client editing a draft through a transport (a websocket, in server/collab): a member's open page.
 * The room knows nothing of how it is connected: it reads who it is and where its handshake stands, asks
 * whether it speaks for a Yjs client id in its presence, and ends it when it refuses what it sent.
 */
export interface RoomClient {
  readonly member: RoomMember;
  readonly sync: SyncHandshake;
  /** Whether the client speaks for this Yjs client id in its presence (the same page, reconnected). */
  speaksFor(clientId: number): boolean;
  /** Ends the client's session in the draft with a code from shared/collab/closeCodes.ts; it leaves the room. */
  end(code: CloseCode, reason: string): void;
}
