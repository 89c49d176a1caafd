import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { CLOSE_CODE } from '../../shared/collab/closeCodes.js';
import type { CollabLimits } from '../../shared/collab/limits.js';
import { encodeSavedMessage } from '../../shared/collab/savedProtocol.js';
import { BracketAttribution, type BracketChange, type BracketFindings } from './bracketAttribution.js';
import type { CollabHooks } from './CollabHooks.js';
import type { CollabLog } from './CollabLog.js';
import { findAddedOptions, type OptionsAdded } from './findAddedOptions.js';
import { touchesBrackets } from './findBracketEdits.js';
import { getClauses, getOrder } from '../../shared/doc/schema.js';
import { encodeAcceptedState } from './acceptedState.js';
import { checkClientUpdate, type UpdateCheckContext, type UpdateKind } from './checkClientUpdate.js';
import { ClientIdOwners } from './ClientIdOwners.js';
import { IncomingUpdates } from './IncomingUpdates.js';
import { readClientUpdate, type DecodedUpdate } from './readClientUpdate.js';
import { CollabRefusal } from './CollabRefusal.js';
import { DocumentPersistence } from './DocumentPersistence.js';
import { RoomAwareness } from './RoomAwareness.js';
import { RoomBroadcast } from './RoomBroadcast.js';
import type { RoomApi, RoomConnection } from './RoomConnection.js';
import type { SharedFrame } from './SharedFrame.js';
import { SyncStep2Cache } from './SyncStep2Cache.js';
import { encodeSyncStep1 } from './syncMessages.js';

export interface DocumentRoomOptions {
  draftId: string;
  hooks: CollabHooks;
  limits: CollabLimits;
  log: CollabLog;
  /** Called once when the room has left memory (unloaded, or its load failed). */
  onGone(room: DocumentRoom): void;
  /**
   * Called after every accepted change of the document (a client's update or a server change); `negotiation`
   * says whether it may have changed bracket or option counts (clauses added, removed, moved or changed in
   * their fields, brackets added or removed), so counting can skip ordinary typing. @default none
   */
  onChanged?(draftId: string, negotiation: boolean): void;
  /** Called after a client's update added or lifted brackets (as corrected by the server). @default none */
  onBracketsChanged?(change: BracketChange): void;
  /** Called after a client's update added options (alternatives) to clauses. @default none */
  onOptionsAdded?(change: OptionsAdded): void;
}

/** The transaction origin of changes the server itself makes (DocumentRoom.change): every connection receives them. */
export const SERVER_CHANGE = Symbol('server change');

/** The broadcast origin of an update that completed items Yjs held back: its sender lacks them too. */
const RELEASED_HELD = Symbol('released held items');

/** Where a client's state vector entry says "everything": its sync step 2 then carries nothing of that client id. */
const EVERYTHING = 2 ** 40;

/** A member's update waiting its turn. */
interface IncomingUpdate {
  conn: RoomConnection;
  update: Uint8Array;
  kind: UpdateKind;
}

/**
 * loading: the load hook runs; joiners wait. ready: serving. idle: no connections, flushing writes (a
 * joiner revives it). unloading: the unload hook runs; joiners wait for `gone` and load afresh. gone: out of memory.
 */
type RoomState = 'loading' | 'ready' | 'idle' | 'unloading' | 'gone';

/**
 * One draft's live document and the connections editing it: applies checked updates; RoomBroadcast sends
 * them (coalesced per event-loop turn) and hands them back merged for one store write right after.
 * Tells subscribed clients what is saved; the full state for joiners is encoded once per change.
 */
export class DocumentRoom implements RoomApi {
  readonly draftId: string;
  readonly doc = new Y.Doc();
  /** Resolves once the room has left memory. */
  readonly gone: Promise<void>;
  private readonly presence: RoomAwareness;
  private readonly connections = new Set<RoomConnection>();
  private readonly broadcaster: RoomBroadcast;
  private readonly step2 = new SyncStep2Cache(this.doc);
  private readonly owners = new ClientIdOwners();
  private readonly incoming = new IncomingUpdates<IncomingUpdate>(
    (task) => task.conn,
    (task) => this.process(task),
  );
  /**
   * Transactions that may have changed bracket or option counts, noted as each one ends, before Yjs replaces
   * the content of deleted items (a deleted bracket's formatting is only recognisable until then).
   */
  private readonly negotiationChanges = new WeakSet<Y.Transaction>();
  private readonly brackets = new BracketAttribution(this.doc, (error) =>
    this.options.log.error('checking the brackets of an update failed', { draftId: this.draftId, error: (error as Error).message }),
  );
  /** Transactions of this turn's updates, stored once RoomBroadcast has sent them. */
  private unstored: Y.Transaction[] = [];
  private state: RoomState = 'loading';
  private persistence: DocumentPersistence | null = null;
  /** An update threw half-way: memory may hold unaccepted data, so the room is reloaded and never snapshotted. */
  private tainted = false;
  private staged: Array<{ update: Uint8Array; transaction: Y.Transaction }> | null = null;
  private idleGeneration = 0;
  private markGone!: () => void;

  constructor(private readonly options: DocumentRoomOptions) {
    this.draftId = options.draftId;
    this.gone = new Promise((resolve) => (this.markGone = resolve));
    this.broadcaster = new RoomBroadcast(this.connections, () => this.presence.takeChanges(), { afterUpdates: (merged) => this.store(merged) });
    this.presence = new RoomAwareness(this.doc, options.limits, () => this.broadcaster.awarenessChanged());
    this.doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (touchesStructure(transaction, this.doc) || touchesBrackets(transaction)) this.negotiationChanges.add(transaction);
    });
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
    this.owners.forget(conn);
    if (this.connections.size === 0 && this.state === 'ready') void this.idle();
  }

  get isReady(): boolean {
    return this.state === 'ready';
  }

  /** Writes accepted but not yet durable. */
  get pendingWrites(): number {
    return this.unstored.length + (this.persistence?.pending ?? 0);
  }

  /** Sync step 2 for a client's state vector (MALFORMED_MESSAGE when it does not decode); cached for fresh joiners. */
  syncStep2For(stateVector: Uint8Array): Uint8Array | SharedFrame {
    return this.step2.answer(stateVector);
  }

  /**
   * Takes a client's update (its sync step 2, or a live edit). Updates are worked on in arrival order
   * (IncomingUpdates): normally at once; behind a hold (a restore), or behind the recording of a new
   * client id's owner (the sender's own updates only), they wait their turn. Each is decoded in full and checked against the client ids
   * it writes with (checkClientUpdate) before anything is applied; a refused one closes its sender with
   * MALFORMED_MESSAGE and changes nothing. Never throws: problems close the sender.
   */
  applyUpdate(conn: RoomConnection, update: Uint8Array, kind: UpdateKind): void {
    this.incoming.push({ conn, update, kind });
  }

  /**
   * Runs `work` with the document held still: no member's update is applied from the moment it starts
   * until it has finished (they wait their turn, in order); server changes (`change`) inside it go
   * ahead. A restore uses it to save the text as it is and replace it, with nothing in between.
   */
  hold<T>(work: () => Promise<T>): Promise<T> {
    return this.incoming.hold(work);
  }

  private process({ conn, update, kind }: IncomingUpdate): Promise<void> | void {
    if (this.tainted || !this.connections.has(conn)) return;
    try {
      return this.checkAndApply(conn, update, kind);
    } catch (error) {
      if (error instanceof CollabRefusal) return conn.close(error.code, error.message);
      this.options.log.error('an update handler failed', { draftId: this.draftId, userId: conn.user.id, error: (error as Error).stack });
      conn.close(CLOSE_CODE.INTERNAL_ERROR, 'unexpected error');
    }
  }

  private checkAndApply(conn: RoomConnection, update: Uint8Array, kind: UpdateKind): Promise<void> | void {
    let decoded: DecodedUpdate;
    try {
      decoded = readClientUpdate(update);
    } catch (error) {
      throw new CollabRefusal(CLOSE_CODE.MALFORMED_MESSAGE, `unreadable update: ${(error as Error).message}`);
    }
    const verdict = checkClientUpdate(decoded, this.checkContext(conn, kind, update.byteLength));
    if (verdict.action === 'refuse') throw new CollabRefusal(CLOSE_CODE.MALFORMED_MESSAGE, `update refused: it ${verdict.reason}`);
    if (kind === 'syncStep2') conn.sync.answered = true;
    if (verdict.action === 'ignore') return;
    if (verdict.claims.length > 0) return this.claim(conn, verdict.claims);
    if (kind === 'update') this.owners.wrote(new Set(decoded.structs.map((s) => s.id.client)), conn);
    this.apply(conn, update);
  }

  /**
   * Records client ids as the sender's, durably, before the update writing with them is applied. Meanwhile
   * they are reserved for this connection: nobody else may write with them until the record is on disk.
   */
  private async claim(conn: RoomConnection, clientIds: number[]): Promise<void> {
    this.owners.reserve(clientIds, conn);
    try {
      await this.options.hooks.addClientIdOwners({ draftId: this.draftId, owners: clientIds.map((clientId) => ({ clientId, memberId: conn.user.id })) });
      this.owners.add(clientIds, conn.user.id);
    } catch (error) {
      this.owners.unreserve(clientIds);
      this.options.log.error('recording client id owners failed', { draftId: this.draftId, userId: conn.user.id, error: (error as Error).message });
      conn.close(CLOSE_CODE.STORAGE_FAILURE, 'could not record the connection’s client id');
    }
  }

  private checkContext(conn: RoomConnection, kind: UpdateKind, updateBytes: number): UpdateCheckContext {
    const held = this.doc.store.pendingStructs;
    let heldEnds: Map<number, number> | null = null;
    return {
      memberId: conn.user.id,
      kind,
      ownerOf: (id) => this.owners.ownerOf(id),
      reservedElsewhere: (id) => this.owners.reservedFor(id, conn) === false,
      usedElsewhere: (id) => this.owners.usedElsewhere(id, conn, (other) => this.connections.has(other)),
      stateOf: (id) => Y.getState(this.doc.store, id),
      heldEndOf: (id) => (held ? ((heldEnds ??= Y.parseUpdateMetaV2(held.update).to).get(id) ?? 0) : 0),
      awaitingSyncAnswer: !conn.sync.answered,
      declared: conn.sync.declared,
      heldBytes: held?.update.byteLength ?? 0,
      updateBytes,
      maxHeldBytes: this.options.limits.maxHeldBytesPerDraft,
    };
  }

  /**
   * Applies a checked update. What the document emits is held back until applying finished, so an
   * update that throws half-way is neither broadcast nor stored; if it changed anything before throwing,
   * the room is tainted and reloaded. Deletions of items the document does not have are dropped, never
   * kept for later. Brackets it claims for anyone but the sender's delegation are corrected at once
   * (BracketAttribution); brackets and options it added are reported (onBracketsChanged, onOptionsAdded).
   * When it completes items Yjs was holding back, the result goes to the sender too (it lacks them).
   */
  private apply(conn: RoomConnection, update: Uint8Array): void {
    const { pendingStructs, pendingDs } = this.doc.store;
    this.staged = [];
    this.brackets.watch(conn, conn.user.delegationId, update);
    let failure: unknown = null;
    try {
      Y.applyUpdate(this.doc, update, conn);
    } catch (error) {
      failure = error;
    }
    const staged = this.staged;
    this.staged = null;
    const brackets = this.brackets.take();
    if (failure !== null) {
      const changed = staged.length > 0 || this.doc.store.pendingStructs !== pendingStructs || this.doc.store.pendingDs !== pendingDs;
      if (changed) return this.taint(conn, failure);
      throw new CollabRefusal(CLOSE_CODE.MALFORMED_MESSAGE, `update failed to apply: ${(failure as Error).message}`);
    }
    this.doc.store.pendingDs = null;
    const origin = pendingStructs !== null && this.doc.store.pendingStructs !== pendingStructs ? RELEASED_HELD : conn;
    const options = this.options.onOptionsAdded ? findAddedOptions(staged.map((s) => s.transaction)) : [];
    if (brackets) this.publishBrackets(conn, staged, brackets, origin);
    else for (const { update: applied, transaction } of staged) this.publish(applied, transaction, origin);
    if (options.length > 0) this.options.onOptionsAdded?.({ draftId: this.draftId, actor: conn.user, options });
  }

  /**
   * A client's update that touched brackets: the correction, if any, goes out with it as one update to
   * everyone (the sender included) and so into the same store write: the claimed attribution is never
   * on disk without its correction.
   */
  private publishBrackets(
    conn: RoomConnection,
    staged: Array<{ update: Uint8Array; transaction: Y.Transaction }>,
    findings: BracketFindings,
    origin: unknown,
  ): void {
    if (findings.corrections.length === 0) {
      for (const { update: applied, transaction } of staged) this.publish(applied, transaction, origin);
    } else {
      this.staged = staged;
      try {
        this.brackets.correct(findings, SERVER_CHANGE);
      } catch (error) {
        this.options.log.error('correcting the brackets of an update failed', { draftId: this.draftId, userId: conn.user.id, error: (error as Error).message });
      }
      this.staged = null;
      if (staged.length > 0) {
        for (const { transaction } of staged) this.unstored.push(transaction);
        this.broadcaster.update(Y.mergeUpdates(staged.map((s) => s.update)), SERVER_CHANGE);
        this.options.onChanged?.(this.draftId, true);
      }
    }
    if (findings.edits.length > 0) this.options.onBracketsChanged?.({ draftId: this.draftId, actor: conn.user, edits: findings.edits });
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
    this.broadcaster.flush();
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
      const loaded = await this.options.hooks.load({ draftId: this.draftId, document: this.doc });
      this.owners.load(loaded?.clientIdOwners ?? [], (id) => Y.getState(this.doc.store, id) > 0);
      this.reserveServerClientId();
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
      onDurable: (stateVector, newDeletions) => this.broadcaster.saved(stateVector, newDeletions),
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
      this.step2.invalidate();
      if (this.staged) this.staged.push({ update, transaction });
      else this.publish(update, transaction, origin);
    });
    this.state = 'ready';
    for (const conn of this.connections) this.greet(conn);
    if (this.connections.size === 0) void this.idle();
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

  /**
   * What y-websocket's server sends a new client: its sync step 1, then everyone's presence. The state
   * vector in that sync step 1 says "everything" for every client id that is not the member's own, so
   * the client's answer carries only its own member's edits: after a crash it may hold others' edits the
   * server lost, which only their authors may send again.
   */
  private greet(conn: RoomConnection): void {
    conn.send(encodeSyncStep1(this.greetingStateVector(conn.user.id)));
    const presence = this.presence.stateMessage();
    if (presence) conn.send(presence);
    conn.attach(this);
  }

  private greetingStateVector(memberId: string): Map<number, number> {
    const stateVector = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    for (const client of stateVector.keys()) if (this.owners.ownerOf(client) !== memberId) stateVector.set(client, EVERYTHING);
    for (const client of this.owners.othersWithoutText(memberId, (id) => Y.getState(this.doc.store, id) > 0)) stateVector.set(client, EVERYTHING);
    return stateVector;
  }

  private publish(update: Uint8Array, transaction: Y.Transaction, origin: unknown): void {
    this.unstored.push(transaction);
    this.broadcaster.update(update, origin);
    if (this.options.onChanged) this.options.onChanged(this.draftId, this.negotiationChanges.has(transaction));
  }

  /** The turn's updates, merged, go to persistence as one write. */
  private store(merged: Uint8Array): void {
    const transactions = this.unstored;
    this.unstored = [];
    this.persistence!.write(merged, Y.mergeDeleteSets(transactions.map((t) => t.deleteSet)), transactions.at(-1)!.afterState);
  }

  private snapshot(): Uint8Array | null {
    return this.tainted || this.state === 'gone' ? null : encodeAcceptedState(this.doc);
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
    this.broadcaster.flush();
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
    this.incoming.clear();
    this.persistence?.dispose();
    this.broadcaster.dispose();
    this.presence.destroy();
    this.doc.destroy();
    this.options.onGone(this);
    this.markGone();
  }
}

/** Whether a transaction changed the reading order, the set of clauses or a clause's own fields. */
function touchesStructure(transaction: Y.Transaction, doc: Y.Doc): boolean {
  const clauses: Y.AbstractType<any> = getClauses(doc);
  const order: Y.AbstractType<any> = getOrder(doc);
  if (transaction.changed.has(order) || transaction.changed.has(clauses)) return true;
  for (const type of transaction.changed.keys()) if (type instanceof Y.Map && type.parent === clauses) return true;
  return false;
}
