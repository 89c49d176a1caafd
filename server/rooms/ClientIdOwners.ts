import type { ClientIdOwner } from '../storage/DocumentStore.js';
import type { RoomClient } from './RoomClient.js';

/** The owner of the client id a room's own document writes with (server changes): never a member id. */
export const SERVER_OWNER = ':server';

/**
 * Whose each Yjs client id of one draft is: the member who first wrote with it (recorded durably by the
 * document store before that first write was applied, loaded with the draft), or the server for the id of
 * the room's own document. In memory it also knows which open client last sent live edits with each
 * id: a member's other client (page) may take an id over only when it speaks for that id in its presence
 * (the same page, reconnected) or the earlier client has left.
 */
export class ClientIdOwners {
  private readonly owners = new Map<number, string>();
  private readonly writers = new Map<number, RoomClient>();
  /** Ids whose owner is being recorded, and the client that first wrote with them. */
  private readonly reserved = new Map<number, RoomClient>();
  /**
   * Owned ids that may have no text in the document (recorded, then the write was lost in a crash, or the
   * update never applied): few, so the greeting need not look through every owner.
   */
  private readonly maybeWithoutText = new Set<number>();

  /** Adds recorded owners (the store's, at load); `hasText` says which ids the loaded document holds text of. */
  load(recorded: readonly ClientIdOwner[], hasText: (clientId: number) => boolean): void {
    for (const { clientId, memberId } of recorded) {
      this.owners.set(clientId, memberId);
      if (!hasText(clientId)) this.maybeWithoutText.add(clientId);
    }
  }

  /** Reserves the room document's own client id for the server. */
  reserveForServer(clientId: number): void {
    this.owners.set(clientId, SERVER_OWNER);
  }

  /** True when the id is taken (by a member or the server). */
  has(clientId: number): boolean {
    return this.owners.has(clientId);
  }

  /** The member id (or SERVER_OWNER) the id belongs to; undefined when nobody has written with it. */
  ownerOf(clientId: number): string | undefined {
    return this.owners.get(clientId);
  }

  /** Ids owned by anyone but `memberId` that have no text in the document (`hasText` says which do). */
  othersWithoutText(memberId: string, hasText: (clientId: number) => boolean): number[] {
    const ids: number[] = [];
    for (const id of this.maybeWithoutText) {
      if (hasText(id)) this.maybeWithoutText.delete(id);
      else if (this.owners.get(id) !== memberId) ids.push(id);
    }
    return ids;
  }

  /** Reserves ids for a client while their owner is being recorded: nobody else may write with them. */
  reserve(clientIds: readonly number[], client: RoomClient): void {
    for (const id of clientIds) this.reserved.set(id, client);
  }

  /** Recording failed: the ids are free again. */
  unreserve(clientIds: readonly number[]): void {
    for (const id of clientIds) this.reserved.delete(id);
  }

  /** Whether the id is reserved for `client` (true), for another client (false), or not at all (null). */
  reservedFor(clientId: number, client: RoomClient): boolean | null {
    const holder = this.reserved.get(clientId);
    return holder === undefined ? null : holder === client;
  }

  /** Records ids as a member's (after the store made them durable). */
  add(clientIds: readonly number[], memberId: string): void {
    for (const id of clientIds) {
      this.owners.set(id, memberId);
      this.reserved.delete(id);
      this.maybeWithoutText.add(id);
    }
  }

  /**
   * True when another client still in the room last wrote with this id and `client` does not speak for
   * it in its presence.
   */
  usedElsewhere(clientId: number, client: RoomClient, stillHere: (other: RoomClient) => boolean): boolean {
    const writer = this.writers.get(clientId);
    return writer !== undefined && writer !== client && stillHere(writer) && !client.speaksFor(clientId);
  }

  /** `client` has sent live edits with these ids. */
  wrote(clientIds: Iterable<number>, client: RoomClient): void {
    for (const id of clientIds) this.writers.set(id, client);
  }

  /** A client left: the ids it wrote with are free for the member's next connection. */
  forget(client: RoomClient): void {
    for (const [id, writer] of this.writers) if (writer === client) this.writers.delete(id);
  }
}
