import * as Y from 'yjs';
import { CLOSE_CODE } from '../../shared/collab/closeCodes.js';
import type { CollabLimits } from '../../shared/collab/limits.js';
import { encodeSavedMessage, type DeleteSet } from '../../shared/collab/savedProtocol.js';
import type { CollabHooks } from './CollabHooks.js';
import type { CollabLog } from './CollabLog.js';
import { CollabRefusal } from './CollabRefusal.js';
import { DocumentPersistence } from './DocumentPersistence.js';
import { RoomAwareness } from './RoomAwareness.js';
import type { RoomApi, RoomConnection } from './RoomConnection.js';
import { encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate } from './syncMessages.js';

export interface DocumentRoomOptions {
  draftId: string;
  hooks: CollabHooks;
  limits: CollabLimits;
  log: CollabLog;
  /** Called once when the room has left memory (unloaded, or its load failed). */
  onGone(room: DocumentRoom): void;
  /** Called after every accepted change of the document (a client's update or a server change). @default none */
  onChanged?(draftId: string): void;
}

/** The transaction origin of changes the server itself makes (DocumentRoom.change): every connection receives them. */
export const SERVER_CHANGE = Symbol('server change');

/**
 * loading: the load hook runs; joiners wait. ready: serving. idle: no connections, flushing writes (a
 * joiner revives it). unloading: the unload hook runs; joiners wait for `gone` and load afresh. gone: out of memory.
 */
type RoomState = 'loading' | 'ready' | 'idle' | 'unloading' | 'gone';

/**
 * One draft's live document and the connections editing it: applies checked updates, broadcasts each one
 * encoded once, hands it to persistence and tells subscribed clients what is saved.
 */
export class DocumentRoom implements RoomApi {
  readonly draftId: string;
  readonly doc = new Y.Doc();
  /** Resolves once the room has left memory. */
  readonly gone: Promise<void>;
  private readonly presence: RoomAwareness;
  private readonly connections = new Set<RoomConnection>();
  private state: RoomState = 'loading';
  private persistence: DocumentPersistence | null = null;
  /** An update threw half-way: memory may hold unaccepted data, so the room is reloaded and never snapshotted. */
  private tainted = false;
  private staged: Array<{ update: Uint8Array; deletions: DeleteSet }> | null = null;
  private idleGeneration = 0;
  private markGone!: () => void;

  constructor(private readonly options: DocumentRoomOptions) {
    this.draftId = options.draftId;
    this.gone = new Promise((resolve) => (this.markGone = resolve));
    this.presence = new RoomAwareness(this.doc, options.limits, (message) => this.broadcast(message));
    void this.load();
  }

  /** Adds a connection, greeting it once loaded. False when the room is on its way out: wait for `gone` and use a new room. */
  join(conn: RoomConnection): boolean {
    if (this.tainted || this.state === 'unloading' || this.state === 'gone') return false;
    this.connections.add(conn);
    if (this.state === 'idle') this.state = 'ready';
    if (this.state === 'ready') this.greet(conn);
    return true;
  }

  /** Removes a connection and its presence; the last one out starts the unload. */
  leave(conn: RoomConnection): void {
    if (!this.connections.delete(conn)) return;
    this.presence.release(conn);
    if (this.connections.size === 0 && this.state === 'ready') void this.idle();
  }

  get isReady(): boolean {
    return this.state === 'ready';
  }

  /** Writes accepted but not yet durable. */
  get pendingWrites(): number {
    return this.persistence?.pending ?? 0;
  }

  /** Sync step 2 for a client's state vector (MALFORMED_MESSAGE when it does not decode). */
  syncStep2For(stateVector: Uint8Array): Uint8Array {
    try {
      return encodeSyncStep2(this.doc, stateVector);
    } catch (error) {
      throw new CollabRefusal(CLOSE_CODE.MALFORMED_MESSAGE, `unreadable state vector: ${(error as Error).message}`);
    }
  }

  /**
   * Applies a client's update. It is decoded in full first (MALFORMED_MESSAGE, nothing applied); what the
   * document emits is held back until applying finished, so an update that throws half-way is neither
   * broadcast nor stored. If it changed anything before throwing, the room is tainted and reloaded.
   */
  applyUpdate(conn: RoomConnection, update: Uint8Array): void {
    try {
      Y.decodeUpdate(update);
    } catch (error) {
      throw new CollabRefusal(CLOSE_CODE.MALFORMED_MESSAGE, `unreadable update: ${(error as Error).message}`);
    }
    const { pendingStructs, pendingDs } = this.doc.store;
    this.staged = [];
    let failure: unknown = null;
    try {
      Y.applyUpdate(this.doc, update, conn);
    } catch (error) {
      failure = error;
    }
    const staged = this.staged;
    this.staged = null;
    if (failure !== null) {
      const changed = staged.length > 0 || this.doc.store.pendingStructs !== pendingStructs || this.doc.store.pendingDs !== pendingDs;
      if (changed) return this.taint(conn, failure);
      throw new CollabRefusal(CLOSE_CODE.MALFORMED_MESSAGE, `update failed to apply: ${(failure as Error).message}`);
    }
    for (const { update: applied, deletions } of staged) this.publish(applied, deletions, conn);
  }

  /**
   * Runs a change of the server's own in one transaction on the live document (the room must be ready:
   * join it first): broadcast to every connection and persisted like a client's update. Resolves with
   * `change`'s result once that update, and every one before it, is durable.
   */
  async change<T>(change: (doc: Y.Doc) => T): Promise<T> {
    if (this.state !== 'ready' || this.tainted || !this.persistence) throw new Error(`the draft ${this.draftId} is not open for changes`);
    let result!: T;
    this.doc.transact(() => {
      result = change(this.doc);
    }, SERVER_CHANGE);
    await this.persistence.settled();
    return result;
  }

  receiveAwareness(conn: RoomConnection, update: Uint8Array): void {
    this.presence.receive(conn, update);
  }

  awarenessMessage(): Uint8Array | null {
    return this.presence.stateMessage();
  }

  /** MESSAGE_SAVED with everything durable so far, for a client that just subscribed. */
  savedMessage(): Uint8Array {
    const saved = this.persistence!.saved();
    return encodeSavedMessage(saved.stateVector, saved.deletions);
  }

  private async load(): Promise<void> {
    try {
      await this.options.hooks.load({ draftId: this.draftId, document: this.doc });
    } catch (error) {
      this.options.log.error('loading a draft failed', { draftId: this.draftId, error: (error as Error).message });
      this.state = 'gone';
      for (const conn of [...this.connections]) conn.close(CLOSE_CODE.STORAGE_FAILURE, 'the draft could not be read');
      return this.finish();
    }
    if (this.state === 'gone') return; // abandoned at shutdown while loading
    this.persistence = new DocumentPersistence({
      draftId: this.draftId,
      document: this.doc,
      store: (payload) => this.options.hooks.store(payload),
      snapshot: () => this.snapshot(),
      log: this.options.log,
      onDurable: (stateVector, newDeletions) => this.announceSaved(stateVector, newDeletions),
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
      if (this.staged) this.staged.push({ update, deletions: transaction.deleteSet });
      else this.publish(update, transaction.deleteSet, origin);
    });
    this.state = 'ready';
    for (const conn of this.connections) this.greet(conn);
    if (this.connections.size === 0) void this.idle();
  }

  /** What y-websocket's server sends a new client: its sync step 1, then everyone's presence. */
  private greet(conn: RoomConnection): void {
    conn.send(encodeSyncStep1(this.doc));
    const presence = this.presence.stateMessage();
    if (presence) conn.send(presence);
    conn.attach(this);
  }

  private publish(update: Uint8Array, deletions: DeleteSet, origin: unknown): void {
    this.persistence!.write(update, deletions);
    const message = encodeSyncUpdate(update);
    for (const conn of this.connections) if (conn !== origin) conn.send(message);
    this.options.onChanged?.(this.draftId);
  }

  private broadcast(message: Uint8Array): void {
    for (const conn of this.connections) conn.send(message);
  }

  private announceSaved(stateVector: Map<number, number>, newDeletions: DeleteSet): void {
    let message: Uint8Array | null = null;
    for (const conn of this.connections) {
      if (!conn.savedSubscribed) continue;
      message ??= encodeSavedMessage(stateVector, newDeletions);
      conn.send(message);
    }
  }

  private snapshot(): Uint8Array | null {
    return this.tainted || this.state === 'gone' ? null : Y.encodeStateAsUpdate(this.doc);
  }

  private taint(conn: RoomConnection, error: unknown): void {
    this.tainted = true;
    this.options.log.error('an update threw while being applied; reloading the draft from disk', {
      draftId: this.draftId,
      userId: conn.user.id,
      error: (error as Error).message,
    });
    for (const other of [...this.connections]) other.close(CLOSE_CODE.INTERNAL_ERROR, 'the draft is being reloaded');
  }

  /** No connections left: flush, then unload unless someone joined meanwhile. */
  private async idle(): Promise<void> {
    this.state = 'idle';
    const generation = ++this.idleGeneration;
    await this.persistence!.flushed();
    if (this.state !== 'idle' || generation !== this.idleGeneration) return;
    this.state = 'unloading';
    try {
      await this.options.hooks.unload({ draftId: this.draftId, snapshot: () => this.snapshot() });
    } catch (error) {
      this.options.log.error('unloading a draft failed (its updates are saved)', { draftId: this.draftId, error: (error as Error).message });
    }
    this.finish();
  }

  /** Gives up on a room at shutdown when its writes cannot be flushed in time. */
  abandon(): void {
    if (this.state === 'gone') return;
    this.options.log.error('stopping with updates not saved', { draftId: this.draftId, pendingWrites: this.pendingWrites });
    this.finish();
  }

  private finish(): void {
    this.state = 'gone';
    this.persistence?.dispose();
    this.presence.destroy();
    this.doc.destroy();
    this.options.onGone(this);
    this.markGone();
  }
}
