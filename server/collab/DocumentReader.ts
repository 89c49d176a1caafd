import type { CollabUser } from './CollabHooks.js';
import type { RoomConnection } from './RoomConnection.js';

/** Who reads a document on behalf of the server itself (comments checking anchors, versions taking snapshots). */
const SERVER_READER: CollabUser = { id: 'server', name: 'Server', role: 'reviewer', delegation: null, delegationId: null, readOnly: true };

/**
 * A socket-less member of a room: holds the room open (loading it if needed) while server code reads the
 * document. It receives nothing and sends nothing.
 */
export class DocumentReader implements RoomConnection {
  readonly user = SERVER_READER;
  readonly clientIds = new Set<number>();
  readonly savedSubscribed = false;
  readonly sync = { declared: new Map<number, number>(), answered: true };
  /** Resolves once the room is loaded; rejects if the room closes it (load failure, reload). */
  readonly ready: Promise<void>;
  private settle!: (error?: Error) => void;

  constructor() {
    this.ready = new Promise((resolve, reject) => {
      this.settle = (error) => (error ? reject(error) : resolve());
    });
  }

  send(): void {}

  close(_code: number, reason: string): void {
    this.settle(new Error(`the draft's document is not available: ${reason}`));
  }

  attach(): void {
    this.settle();
  }
}
