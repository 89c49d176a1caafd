import type { IncomingMessage } from 'node:http';
import type * as Y from 'yjs';
import type { Role } from '../../shared/roles.js';
import type { ClientIdOwner } from '../storage/DocumentStore.js';

/** Who is at the other end of a socket, from the server's records (never from what the client claims). */
export interface CollabUser {
  id: string;
  name: string;
  role: Role;
  /** The delegation's name, or null for members without one. */
  delegation: string | null;
  /**
   * The delegation's id: the only attribution brackets this member's updates may carry (the server
   * rewrites any other, server/collab/bracketAttribution.ts). Null: no delegation, so the member's
   * brackets are removed.
   */
  delegationId: string | null;
  /** Reviewers: their document updates are dropped (not applied, not forwarded, not stored). */
  readOnly: boolean;
}

export interface AuthenticatePayload {
  /** The upgrade request (headers: Cookie ...). Kept for the connection's life so the check can be re-run. */
  request: IncomingMessage;
  /** Already passed the strict id pattern. */
  draftId: string;
}

export interface LoadPayload {
  draftId: string;
  /** A fresh, empty document to fill with the draft's saved state (or its seed, for a new draft). */
  document: Y.Doc;
}

/** What loading a draft found besides its text. */
export interface LoadedDraft {
  /** Who each client id already written with belongs to (ClientIdOwners). */
  clientIdOwners: ClientIdOwner[];
}

export interface ClientIdOwnersPayload {
  draftId: string;
  /** Client ids a member writes with for the first time, and whose they are. */
  owners: ClientIdOwner[];
}

export interface StorePayload {
  draftId: string;
  /** One accepted update, or several merged when retrying after a failure. */
  update: Uint8Array;
  /**
   * The live document's full state as one update, for compaction; call it at the moment of compacting.
   * Null when the document must not be written as a snapshot: an update threw half-way through applying,
   * so memory may hold something that was never accepted (the room is being reloaded from disk).
   */
  snapshot(): Uint8Array | null;
}

export interface UnloadPayload {
  draftId: string;
  /** As in StorePayload. */
  snapshot(): Uint8Array | null;
}

/**
 * The lifecycle of the sync server as named hooks, each taking one payload object. The server core
 * (CollabServer) deals with sockets, rooms and limits; these decide who gets in and where documents live.
 */
export interface CollabHooks {
  /**
   * Decides who may open a draft, at the upgrade, before any document work. Throws CollabRefusal with
   * the close code to refuse. Also re-run periodically on open connections (sessions expire, members are
   * deactivated): a refusal then closes the socket.
   */
  authenticate(payload: AuthenticatePayload): CollabUser | Promise<CollabUser>;
  /**
   * Fills a fresh document with the draft's saved state and returns the recorded client id owners. Called
   * once per draft however many sockets join at once. Rejects: the joiners get STORAGE_FAILURE.
   */
  load(payload: LoadPayload): Promise<LoadedDraft | void>;
  /**
   * Records the owners of client ids a member writes with for the first time; resolves once durable. The
   * first update written with an id is applied only after that, so the server never sends anyone text
   * under an id whose owner a crash could forget. Rejects: the sender gets STORAGE_FAILURE.
   */
  addClientIdOwners(payload: ClientIdOwnersPayload): Promise<void>;
  /** Makes one accepted update durable; resolves once it is on disk. Rejections are logged and retried. */
  store(payload: StorePayload): Promise<void>;
  /** After the last socket left and every store resolved: compact, release files, forget. */
  unload(payload: UnloadPayload): Promise<void>;
}
