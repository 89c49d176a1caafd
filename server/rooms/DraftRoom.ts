import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { CLOSE_CODE } from '../../shared/collab/closeCodes.js';
import type { DeleteSet } from '../../shared/collab/savedProtocol.js';
import type { Log } from '../log.js';
import { encodeAcceptedState } from './acceptedState.js';
import { checkClientUpdate, type UpdateCheckContext, type UpdateKind } from './checkClientUpdate.js';
import { ClientIdOwners, SERVER_OWNER } from './ClientIdOwners.js';
import { DocumentPersistence } from './DocumentPersistence.js';
import { IncomingUpdates } from './IncomingUpdates.js';
import { readClientUpdate, type DecodedUpdate } from './readClientUpdate.js';
import type { RoomClient, RoomMember } from './RoomClient.js';
import type { RoomExtension } from './RoomExtension.js';
import { RoomRefusal } from './RoomRefusal.js';
import type { RoomStorage } from './RoomStorage.js';
import { TurnOutbox, type OutgoingUpdate } from './TurnOutbox.js';

export interface DraftRoomOptions {
  draftId: string;
  storage: RoomStorage;
  /** Rules and reactions on the document's content, in order (RoomExtension). */
  extensions: readonly RoomExtension[];
  /** The most bytes of members' items Yjs may hold back in this draft, waiting for what they refer to. */
  maxHeldBytes: number;
  log: Log;
  /** Called once when the room has left memory (unloaded, or its load failed). */
  onGone(room: DraftRoom): void;
}

/**
 * Who hears what happens in a room (the websocket layer, which sends it on to its sockets). Called
 * synchronously; must not throw.
 */
export interface RoomListener {
  /** A batch of accepted changes, before it is stored; `merged` is their updates as one. */
  updates(batch: readonly OutgoingUpdate[], merged: Uint8Array): void;
  /** More became durable: the full state vector now durable and the deletions newly durable. */
  saved(stateVector: Map<number, number>, newDeletions: DeleteSet): void;
}

/** The origin of changes the server itself makes (DraftRoom.change, corrections): every client receives them. */
export const SERVER_CHANGE = Symbol('server change');

/** The origin of updates another server process committed (applyCommitted): every client receives them, nobody stores them again. */
export const COMMITTED_ELSEWHERE = Symbol('committed elsewhere');

/** The origin of an update that completed items Yjs held back: its sender lacks them too. */
export const RELEASED_HELD = Symbol('released held items');

/** Where a client's state vector entry says "everything": its sync step 2 then carries nothing of that client id. */
const EVERYTHING = 2 ** 40;

/** A member's update waiting its turn. */
interface IncomingUpdate {
  client: RoomClient;
  update: Uint8Array;
  kind: UpdateKind;
}

/** An update the document emitted while a member's update was being applied, and its transaction. */
interface Emitted {
  update: Uint8Array;
  transaction: Y.Transaction;
}

/**
 * loading: the document is being read; joiners wait. ready: serving. idle: nobody uses it, its writes are
 * being flushed (a joiner revives it). unloading: storage is releasing it; joiners wait for `gone` and load
 * afresh. gone: out of memory.
 */
type RoomState = 'loading' | 'ready' | 'idle' | 'unloading' | 'gone';

/**
 * One draft's live document, used by clients (members' open pages, through a transport) and by server
 * code (leases: `acquire`/`release`), knowing nothing of sockets or HTTP. Loaded once however many use it,
 * it leaves memory when the last one is gone and its writes are on disk.
 *
 * A member's update takes one path, top to bottom in this file:
 * receive (queued in arrival order, IncomingUpdates) -> check (decoded in full; written only under the
 * member's own client ids, at their clocks: checkClientUpdate; a first write with an id waits until its
 * owner is recorded) -> extensions' beforeApply (may refuse or rewrite) -> apply (what the document emits is
 * staged; extensions' afterApply may add a correction to it) -> publish (TurnOutbox: one batch per turn) ->
 * send to listeners -> persist (DocumentPersistence: one durable write per batch) -> listeners hear "saved"
 * once it is on disk. The server's own changes (`change`) join the same path at publish.
 */
export class DraftRoom {
  readonly draftId: string;
  readonly doc = new Y.Doc();
  /** Resolves once the document is loaded; rejects when loading failed (the room is then gone). */
  readonly ready: Promise<void>;
  /** Resolves once the room has left memory. */
  readonly gone: Promise<void>;
  private readonly clients = new Set<RoomClient>();
  private leases = 0;
  private readonly listeners = new Set<RoomListener>();
  private readonly owners = new ClientIdOwners();
  private readonly incoming = new IncomingUpdates<IncomingUpdate>(
    (task) => task.client,
    (task) => this.process(task),
  );
  private readonly outbox = new TurnOutbox((batch, merged) => this.send(batch, merged));
  private state: RoomState = 'loading';
  private persistence: DocumentPersistence | null = null;
  /** An update threw half-way: memory may hold unaccepted data, so the room is reloaded and never snapshotted. */
  private tainted = false;
  /** While a member's update is applied: what the document emits, published once applying is over. */
  private staged: Emitted[] | null = null;
  /** Whether this room has stored anything (only then does unloading compact the draft's log). */
  private wrote = false;
  private extensionsLoaded = false;
  private idleGeneration = 0;
  private markReady!: () => void;
  private markFailed!: (error: Error) => void;
  private markGone!: () => void;

  constructor(private readonly options: DraftRoomOptions) {
    this.draftId = options.draftId;
    this.ready = new Promise((resolve, reject) => {
      this.markReady = resolve;
      this.markFailed = reject;
    });
    this.ready.catch(() => undefined);
    this.gone = new Promise((resolve) => (this.markGone = resolve));
    void this.load();
  }

  /** Adds a client. False when the room is on its way out: wait for `gone` and use a new room. */
  join(client: RoomClient): boolean {
    if (!this.open()) return false;
    this.clients.add(client);
    return true;
  }

  /** Removes a client; the last user out starts the unload. */
  leave(client: RoomClient): void {
    if (!this.clients.delete(client)) return;
    this.owners.forget(client);
    this.unusedNow();
  }

  /** Holds the room open for server code (no client). False when it is on its way out, as for `join`. */
  acquire(): boolean {
    if (!this.open()) return false;
    this.leases += 1;
    return true;
  }

  release(): void {
    this.leases -= 1;
    this.unusedNow();
  }

  /** Hears every batch of accepted changes and every "saved". Returns the unsubscribe function. */
  listen(listener: RoomListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Writes accepted but not yet durable. */
  get pendingWrites(): number {
    return this.outbox.size + (this.persistence?.pending ?? 0);
  }

  /**
   * The state vector to greet a member's client with (the first message of the sync handshake). It says
   * "everything" for every client id that is not the member's own, so the client's answer carries only its
   * own member's edits: after a crash it may hold others' edits the server lost, which only their authors
   * may send again.
   */
  greetingStateVector(memberId: string): Map<number, number> {
    const stateVector = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    for (const client of stateVector.keys()) if (this.owners.ownerOf(client) !== memberId) stateVector.set(client, EVERYTHING);
    for (const client of this.owners.othersWithoutText(memberId, (id) => Y.getState(this.doc.store, id) > 0))
      stateVector.set(client, EVERYTHING);
    return stateVector;
  }

  /**
   * With other processes on the same drafts: reads the client id owners they recorded since this room
   * loaded, so a member who reconnects here after editing elsewhere is asked for their unsaved edits.
   */
  async refreshClientIdOwners(): Promise<void> {
    const shared = this.options.storage.shared;
    if (!shared) return;
    this.owners.load(await shared.clientIdOwners(this.draftId), (id) => Y.getState(this.doc.store, id) > 0);
  }

  /** Everything durable so far. */
  saved(): { stateVector: Map<number, number>; deletions: DeleteSet } {
    if (!this.persistence) throw new Error(`the draft ${this.draftId} is not loaded`);
    return this.persistence.saved();
  }

  /**
   * Takes a member's update (its sync step 2, or a live edit). Updates are worked on in arrival order:
   * normally at once; behind a hold (a restore), or behind the recording of a new client id's owner (the
   * sender's own updates only), they wait their turn. Never throws: a refused update ends its client.
   */
  receive(client: RoomClient, update: Uint8Array, kind: UpdateKind): void {
    this.incoming.push({ client, update, kind });
  }

  /**
   * Runs `work` with the document held still: no member's update is applied from the moment it starts
   * until it has finished (they wait their turn, in order); server changes (`change`) inside it go ahead.
   */
  hold<T>(work: () => Promise<T>): Promise<T> {
    return this.incoming.hold(work);
  }

  /**
   * Runs a change of the server's own in one transaction (the room must be loaded and in use: acquire it
   * first): it goes to every client and to disk like a member's update. Resolves with `change`'s result
   * once that update, and every one before it, is durable.
   */
  async change<T>(change: (doc: Y.Doc) => T): Promise<T> {
    if (this.state !== 'ready' || this.tainted || !this.persistence) throw new Error(`the draft ${this.draftId} is not open for changes`);
    let result!: T;
    this.doc.transact(() => {
      result = change(this.doc);
    }, SERVER_CHANGE);
    this.outbox.flush();
    await this.persistence.settled();
    return result;
  }

  /**
   * Applies an update another server process has committed to this draft (several processes share one
   * database): it goes to this room's clients like any accepted change but is not stored again, and counts
   * as durable. Applied in any state but on its way out (the document may still be loading: Yjs applies
   * updates in any order). False when the room is unloading or gone: the update is not in it.
   */
  applyCommitted(update: Uint8Array): boolean {
    if (this.state === 'unloading' || this.state === 'gone') return false;
    Y.applyUpdate(this.doc, update, COMMITTED_ELSEWHERE);
    return true;
  }

  /** Gives up on the room at shutdown when its writes cannot be flushed in time. */
  abandon(): void {
    if (this.state === 'gone') return;
    this.options.log.error('stopping with updates not saved', { draftId: this.draftId, pendingWrites: this.pendingWrites });
    this.finish();
  }

  // The path of a member's update.

  private process({ client, update, kind }: IncomingUpdate): Promise<void> | void {
    if (this.tainted || !this.clients.has(client)) return;
    try {
      return this.checkAndApply(client, update, kind);
    } catch (error) {
      if (error instanceof RoomRefusal) return client.end(error.code, error.message);
      this.options.log.error('an update handler failed', {
        draftId: this.draftId,
        userId: client.member.id,
        error: (error as Error).stack,
      });
      client.end(CLOSE_CODE.INTERNAL_ERROR, 'unexpected error');
    }
  }

  private checkAndApply(client: RoomClient, update: Uint8Array, kind: UpdateKind): Promise<void> | void {
    const context = this.checkContext(client, kind, update.byteLength);
    let decoded = decode(update);
    const verdict = checkClientUpdate(decoded, context);
    if (verdict.action === 'refuse') throw new RoomRefusal(CLOSE_CODE.MALFORMED_MESSAGE, `update refused: it ${verdict.reason}`);
    if (kind === 'syncStep2') client.sync.answered = true;
    if (verdict.action === 'ignore') return;
    if (verdict.claims.length > 0) return this.claim(client, verdict.claims);
    for (const extension of this.options.extensions) {
      const rewritten = extension.beforeApply?.({ draftId: this.draftId, doc: this.doc, client, update, decoded, kind });
      if (!rewritten) continue;
      // A rewritten update obeys the same rules as the member's own, without new client ids.
      decoded = decode(rewritten);
      const again = checkClientUpdate(decoded, { ...context, updateBytes: rewritten.byteLength });
      if (again.action !== 'apply' || again.claims.length > 0) {
        throw new RoomRefusal(
          CLOSE_CODE.MALFORMED_MESSAGE,
          `update refused: as rewritten by ${extension.name} it is not the member's to apply`,
        );
      }
      update = rewritten;
    }
    if (kind === 'update') this.owners.wrote(new Set(decoded.structs.map((s) => s.id.client)), client);
    this.apply(client, update);
  }

  private checkContext(client: RoomClient, kind: UpdateKind, updateBytes: number): UpdateCheckContext {
    const held = this.doc.store.pendingStructs;
    let heldEnds: Map<number, number> | null = null;
    return {
      memberId: client.member.id,
      kind,
      ownerOf: (id) => this.owners.ownerOf(id),
      reservedElsewhere: (id) => this.owners.reservedFor(id, client) === false,
      usedElsewhere: (id) => this.owners.usedElsewhere(id, client, (other) => this.clients.has(other)),
      stateOf: (id) => Y.getState(this.doc.store, id),
      heldEndOf: (id) => (held ? ((heldEnds ??= Y.parseUpdateMetaV2(held.update).to).get(id) ?? 0) : 0),
      awaitingSyncAnswer: !client.sync.answered,
      declared: client.sync.declared,
      heldBytes: held?.update.byteLength ?? 0,
      updateBytes,
      maxHeldBytes: this.options.maxHeldBytes,
    };
  }

  /**
   * Records client ids as the sender's, durably, before the update writing with them is applied (it is
   * processed again once they are). Meanwhile they are reserved for this client: nobody else may write
   * with them until the record is on disk.
   */
  private async claim(client: RoomClient, clientIds: number[]): Promise<void> {
    this.owners.reserve(clientIds, client);
    try {
      await this.options.storage.addClientIdOwners(
        this.draftId,
        clientIds.map((clientId) => ({ clientId, memberId: client.member.id })),
      );
      this.owners.add(clientIds, client.member.id);
    } catch (error) {
      this.owners.unreserve(clientIds);
      this.options.log.error('recording client id owners failed', {
        draftId: this.draftId,
        userId: client.member.id,
        error: (error as Error).message,
      });
      client.end(CLOSE_CODE.STORAGE_FAILURE, 'could not record the connection’s client id');
    }
  }

  /**
   * Applies a checked update. What the document emits is staged until applying is over, so an update that
   * throws half-way is neither sent nor stored; if it changed anything before throwing, the room is tainted
   * and reloaded. Deletions of items the document does not have are dropped, never kept for later. When it
   * completes items Yjs was holding back, the result goes to the sender too (it lacks them).
   */
  private apply(client: RoomClient, update: Uint8Array): void {
    const { pendingStructs, pendingDs } = this.doc.store;
    const staged: Emitted[] = [];
    this.staged = staged;
    let failure: unknown = null;
    try {
      Y.applyUpdate(this.doc, update, client);
    } catch (error) {
      failure = error;
    }
    this.staged = null;
    if (failure !== null) {
      const changed = staged.length > 0 || this.doc.store.pendingStructs !== pendingStructs || this.doc.store.pendingDs !== pendingDs;
      if (changed) return this.taint(client, failure);
      throw new RoomRefusal(CLOSE_CODE.MALFORMED_MESSAGE, `update failed to apply: ${(failure as Error).message}`);
    }
    this.doc.store.pendingDs = null;
    const released = pendingStructs !== null && this.doc.store.pendingStructs !== pendingStructs;
    const corrections = this.afterApply(client, staged);
    if (corrections.length === 0) {
      for (const { update: applied, transaction } of staged)
        this.publish({ update: applied, origin: released ? RELEASED_HELD : client, transactions: [transaction] }, client.member);
      return;
    }
    // The update and its corrections go out as one, to everyone (the sender included) and in one write:
    // what the member sent is never received or on disk without its correction.
    const all = [...staged, ...corrections];
    this.publish(
      { update: Y.mergeUpdates(all.map((e) => e.update)), origin: SERVER_CHANGE, transactions: all.map((e) => e.transaction) },
      client.member,
    );
  }

  /** Runs the extensions' afterApply; returns what their corrections emitted. */
  private afterApply(client: RoomClient, staged: readonly Emitted[]): Emitted[] {
    const corrections: Emitted[] = [];
    const transactions = staged.map((e) => e.transaction);
    const correct = (change: (doc: Y.Doc) => void) => {
      this.staged = corrections;
      try {
        this.doc.transact(() => change(this.doc), SERVER_CHANGE);
      } finally {
        this.staged = null;
      }
    };
    for (const extension of this.options.extensions) {
      if (!extension.afterApply) continue;
      try {
        extension.afterApply({ draftId: this.draftId, doc: this.doc, client, transactions, correct });
      } catch (error) {
        this.options.log.error(`the ${extension.name} extension failed after an update`, {
          draftId: this.draftId,
          userId: client.member.id,
          error: (error as Error).message,
        });
      }
    }
    return corrections;
  }

  /** An accepted change goes out (TurnOutbox) and extensions hear of it. */
  private publish(change: OutgoingUpdate, member: RoomMember | null): void {
    this.outbox.add(change);
    for (const extension of this.options.extensions) {
      if (!extension.afterChange) continue;
      for (const transaction of change.transactions) {
        try {
          extension.afterChange({ draftId: this.draftId, doc: this.doc, member, transaction });
        } catch (error) {
          this.options.log.error(`the ${extension.name} extension failed after a change`, {
            draftId: this.draftId,
            error: (error as Error).message,
          });
        }
      }
    }
  }

  /**
   * A batch goes to the listeners, then to disk as one write; listeners hear "saved" once it is durable.
   * Updates committed by another process are not written again: they count as durable in their turn.
   */
  private send(batch: readonly OutgoingUpdate[], merged: Uint8Array): void {
    for (const listener of this.listeners) listener.updates(batch, merged);
    const persistence = this.persistence!;
    // Consecutive changes of one kind (ours to write, or committed elsewhere) in acceptance order.
    let run: OutgoingUpdate[] = [];
    const flush = () => {
      if (run.length === 0) return;
      const transactions = run.flatMap((change) => change.transactions);
      const deletions = Y.mergeDeleteSets(transactions.map((t) => t.deleteSet));
      const stateVector = transactions.at(-1)!.afterState;
      if (run[0]!.origin === COMMITTED_ELSEWHERE) {
        persistence.alreadyDurable(deletions, stateVector);
      } else {
        this.wrote = true;
        const update = run.length === batch.length ? merged : run.length === 1 ? run[0]!.update : Y.mergeUpdates(run.map((c) => c.update));
        persistence.write(update, deletions, stateVector);
      }
      run = [];
    };
    for (const change of batch) {
      if (run.length > 0 && (run[0]!.origin === COMMITTED_ELSEWHERE) !== (change.origin === COMMITTED_ELSEWHERE)) flush();
      run.push(change);
    }
    flush();
  }

  // Life of the room.

  private open(): boolean {
    if (this.tainted || this.state === 'unloading' || this.state === 'gone') return false;
    if (this.state === 'idle') this.state = 'ready';
    return true;
  }

  private unusedNow(): void {
    if (this.clients.size === 0 && this.leases === 0 && this.state === 'ready') void this.idle();
  }

  private async load(): Promise<void> {
    const { storage, extensions, log } = this.options;
    try {
      const loaded = await storage.load(this.draftId, this.doc);
      this.owners.load(loaded.clientIdOwners, (id) => Y.getState(this.doc.store, id) > 0);
      this.reserveServerClientId();
      // Other processes must know this id is the server's (they check members' writes against the record).
      if (storage.shared) await storage.addClientIdOwners(this.draftId, [{ clientId: this.doc.clientID, memberId: SERVER_OWNER }]);
      this.extensionsLoaded = true;
      for (const extension of extensions) await extension.onLoad?.({ draftId: this.draftId, doc: this.doc });
    } catch (error) {
      log.error('loading a draft failed', { draftId: this.draftId, error: (error as Error).message });
      this.state = 'gone';
      for (const client of [...this.clients]) client.end(CLOSE_CODE.STORAGE_FAILURE, 'the draft could not be read');
      this.markFailed(new Error(`the draft's document is not available: ${(error as Error).message}`));
      return this.finish();
    }
    if (this.state === 'gone') {
      this.markFailed(new Error('the server is stopping'));
      return; // abandoned at shutdown while loading
    }
    this.persistence = new DocumentPersistence({
      draftId: this.draftId,
      document: this.doc,
      store: (update) => storage.store(this.draftId, update, () => this.snapshot()),
      log,
      onDurable: (stateVector, newDeletions) => {
        for (const listener of this.listeners) listener.saved(stateVector, newDeletions);
      },
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
      if (this.staged) this.staged.push({ update, transaction });
      else this.publish({ update, origin, transactions: [transaction] }, null);
    });
    this.state = 'ready';
    this.markReady();
    this.unusedNow();
  }

  /**
   * The server's own changes write with the document's client id: it must be one no member has, and it
   * is the server's while the room lives (a later load picks another, as Yjs expects of a new session).
   */
  private reserveServerClientId(): void {
    while (this.owners.has(this.doc.clientID) || Y.getState(this.doc.store, this.doc.clientID) > 0) {
      this.doc.clientID = randomBytes(4).readUInt32LE(0);
    }
    this.owners.reserveForServer(this.doc.clientID);
  }

  private snapshot(): Uint8Array | null {
    return this.tainted || this.state === 'gone' ? null : encodeAcceptedState(this.doc);
  }

  private taint(client: RoomClient, error: unknown): void {
    this.tainted = true;
    this.options.log.error('an update threw while being applied; reloading the draft from disk', {
      draftId: this.draftId,
      userId: client.member.id,
      error: (error as Error).message,
    });
    for (const other of [...this.clients]) other.end(CLOSE_CODE.INTERNAL_ERROR, 'the draft is being reloaded');
  }

  /** Nobody uses the room: flush, then unload unless someone came back meanwhile. */
  private async idle(): Promise<void> {
    this.state = 'idle';
    const generation = ++this.idleGeneration;
    this.outbox.flush();
    await this.persistence!.flushed();
    if (this.state !== 'idle' || generation !== this.idleGeneration) return;
    this.state = 'unloading';
    try {
      await this.options.storage.unload(this.draftId, () => this.snapshot(), this.wrote);
    } catch (error) {
      this.options.log.error('unloading a draft failed (its updates are saved)', {
        draftId: this.draftId,
        error: (error as Error).message,
      });
    }
    this.finish();
  }

  private finish(): void {
    this.state = 'gone';
    this.incoming.clear();
    this.persistence?.dispose();
    this.outbox.dispose();
    this.listeners.clear();
    if (this.extensionsLoaded) {
      for (const extension of this.options.extensions) {
        const failed = (error: unknown) =>
          this.options.log.error(`the ${extension.name} extension failed at unload`, {
            draftId: this.draftId,
            error: (error as Error).message,
          });
        try {
          void Promise.resolve(extension.onUnload?.({ draftId: this.draftId, doc: this.doc })).catch(failed);
        } catch (error) {
          failed(error);
        }
      }
    }
    this.doc.destroy();
    this.options.onGone(this);
    this.markGone();
  }
}

function decode(update: Uint8Array): DecodedUpdate {
  try {
    return readClientUpdate(update);
  } catch (error) {
    throw new RoomRefusal(CLOSE_CODE.MALFORMED_MESSAGE, `unreadable update: ${(error as Error).message}`);
  }
}
