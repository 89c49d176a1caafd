import type * as Y from 'yjs';
import type { ClientIdOwner } from '../storage/DocumentStore.js';

/** What loading a draft found besides its text. */
export interface LoadedDraft {
  /** Who each client id already written with belongs to (ClientIdOwners). */
  clientIdOwners: ClientIdOwner[];
}

/**
 * Where rooms keep drafts' documents: four steps of a room's life. The room decides when; these decide
 * where and how (server/rooms/documentStorage.ts: the DocumentStore, with seeding and compaction).
 */
export interface RoomStorage {
  /**
   * Fills a fresh document with the draft's saved state (or its seed, for a new draft, durably before it
   * resolves) and returns the recorded client id owners. Called once per load however many join at once.
   */
  load(draftId: string, document: Y.Doc): Promise<LoadedDraft>;
  /**
   * Records the owners of client ids a member writes with for the first time; resolves once durable. The
   * first update written with an id is applied only after that.
   */
  addClientIdOwners(draftId: string, owners: ClientIdOwner[]): Promise<void>;
  /**
   * Makes one accepted update durable; resolves once it is on disk. `snapshot` gives the live document's
   * full state for compaction, or null when it must not be written as a snapshot (an update threw half-way
   * through applying: memory may hold something never accepted; the room is being reloaded).
   */
  store(draftId: string, update: Uint8Array, snapshot: () => Uint8Array | null): Promise<void>;
  /**
   * After the last client left and every store resolved: compact when `wrote` (the room stored updates),
   * release files, forget.
   */
  unload(draftId: string, snapshot: () => Uint8Array | null, wrote: boolean): Promise<void>;
  /**
   * Set when other server processes write to the same drafts (a shared database): the client id owners
   * they record (`clientIdOwners`) must be read again before a member is greeted, and the room's own
   * client id is recorded as the server's, so no member can write with it on another process.
   */
  shared?: {
    clientIdOwners(draftId: string): Promise<ClientIdOwner[]>;
  };
}
