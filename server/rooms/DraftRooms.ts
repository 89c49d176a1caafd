import type * as Y from 'yjs';
import { CLOSE_CODE } from '../../shared/collab/closeCodes.js';
import { COLLAB_LIMITS } from '../../shared/collab/limits.js';
import { consoleLog, type Log } from '../log.js';
import { DraftRoom } from './DraftRoom.js';
import type { RoomClient } from './RoomClient.js';
import type { RoomExtension } from './RoomExtension.js';
import { RoomRefusal } from './RoomRefusal.js';
import type { RoomStorage } from './RoomStorage.js';

export interface DraftRoomsOptions {
  storage: RoomStorage;
  /** @default consoleLog('rooms') */
  log?: Log;
  /** The most bytes of members' items Yjs may hold back per draft. @default COLLAB_LIMITS.maxHeldBytesPerDraft */
  maxHeldBytesPerDraft?: number;
  /** How long close() waits for pending writes before giving up on them (logged). @default 10_000 */
  shutdownTimeoutMs?: number;
}

/**
 * Every draft's room (DraftRoom), one per draft, loaded once however many use it and unloaded after the
 * last one is done: for transports, `join` a client; for server code, `read`, `change` and `hold`, which
 * hold the room open while they run (what the domain's DraftDocuments asks for). Extensions (`use`) apply
 * to every room loaded after they were added.
 */
export class DraftRooms {
  private readonly rooms = new Map<string, DraftRoom>();
  private readonly extensions: RoomExtension[] = [];
  private readonly log: Log;
  private closing: Promise<void> | null = null;

  constructor(private readonly options: DraftRoomsOptions) {
    this.log = options.log ?? consoleLog('rooms');
  }

  /** Adds an extension to every room loaded from now on (add them all before serving). */
  use(extension: RoomExtension): void {
    this.extensions.push(extension);
  }

  /**
   * Adds a client to the draft's room, waiting out a room on its way out; resolves with the room, which
   * may still be loading (await its `ready`). Rejects with RoomRefusal (SHUTTING_DOWN) while closing.
   */
  async join(draftId: string, client: RoomClient): Promise<DraftRoom> {
    for (;;) {
      if (this.closing) throw new RoomRefusal(CLOSE_CODE.SHUTTING_DOWN, 'the server is stopping');
      const room = this.roomFor(draftId);
      if (room.join(client)) {
        // Another process may have recorded this member's client ids since the room loaded here.
        if (this.options.storage.shared) await room.ready.then(() => room.refreshClientIdOwners()).catch(() => undefined);
        return room;
      }
      await room.gone;
    }
  }

  /**
   * Runs `read` against a draft's document: the live one when the draft is open, else one loaded for the
   * call (and unloaded after, like any room). `read` must not keep or change the document. Rejects when
   * the draft cannot be loaded or the server is stopping.
   */
  read<T>(draftId: string, read: (doc: Y.Doc) => T): Promise<T> {
    return this.withRoom(draftId, (room) => read(room.doc));
  }

  /**
   * Runs `change` in one transaction on a draft's live document (loading it if nobody has it open): every
   * client receives it, and it is stored like a member's update. Resolves with `change`'s result once the
   * change is durable.
   */
  change<T>(draftId: string, change: (doc: Y.Doc) => T): Promise<T> {
    return this.withRoom(draftId, (room) => room.change(change));
  }

  /** Runs `work` with the draft's document held still (DraftRoom.hold), the draft kept open meanwhile. */
  hold<T>(draftId: string, work: () => Promise<T>): Promise<T> {
    return this.withRoom(draftId, (room) => room.hold(work));
  }

  /**
   * Applies an update another server process committed to the draft's live document (DraftRoom.applyCommitted);
   * false when the draft is not live here (it will be loaded from the database, with it, when needed).
   */
  applyCommitted(draftId: string, update: Uint8Array): boolean {
    return this.rooms.get(draftId)?.applyCommitted(update) ?? false;
  }

  /** Live figures, for tests and diagnostics. */
  stats(): { rooms: number } {
    return { rooms: this.rooms.size };
  }

  /**
   * Waits for every room to leave memory (their clients must have been ended first: the transports close
   * before), giving up on writes that cannot be flushed within the shutdown timeout.
   */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async withRoom<T>(draftId: string, use: (room: DraftRoom) => T | Promise<T>): Promise<T> {
    for (;;) {
      if (this.closing) throw new Error('the server is stopping');
      const room = this.roomFor(draftId);
      if (room.acquire()) {
        try {
          await room.ready;
          return await use(room);
        } finally {
          room.release();
        }
      }
      await room.gone;
    }
  }

  private roomFor(draftId: string): DraftRoom {
    const existing = this.rooms.get(draftId);
    if (existing) return existing;
    const room = new DraftRoom({
      draftId,
      storage: this.options.storage,
      extensions: [...this.extensions],
      maxHeldBytes: this.options.maxHeldBytesPerDraft ?? COLLAB_LIMITS.maxHeldBytesPerDraft,
      log: this.log,
      onGone: (gone) => {
        if (this.rooms.get(draftId) === gone) this.rooms.delete(draftId);
      },
    });
    this.rooms.set(draftId, room);
    return room;
  }

  private async shutdown(): Promise<void> {
    const rooms = [...this.rooms.values()];
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      Promise.all(rooms.map((room) => room.gone)).then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), this.options.shutdownTimeoutMs ?? 10_000))),
    ]);
    clearTimeout(timer);
    if (timedOut) for (const room of rooms) room.abandon();
  }
}
