import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type * as Y from 'yjs';
import { COLLAB_PATH_PREFIX, parseCollabPath } from '../../shared/collab/collabPath.js';
import { CLOSE_CODE, closeCodeName, type CloseCode } from '../../shared/collab/closeCodes.js';
import { COLLAB_LIMITS, type CollabLimits } from '../../shared/collab/limits.js';
import { CollabConnection } from './CollabConnection.js';
import type { CollabHooks, CollabUser } from './CollabHooks.js';
import type { BracketChange } from './bracketAttribution.js';
import type { OptionsAdded } from './findAddedOptions.js';
import { consoleCollabLog, type CollabLog } from './CollabLog.js';
import { CollabRefusal } from './CollabRefusal.js';
import { DocumentReader } from './DocumentReader.js';
import { DocumentRoom } from './DocumentRoom.js';
import { isAllowedOrigin } from './isAllowedOrigin.js';

export interface CollabServerOptions {
  hooks: CollabHooks;
  /** Origins besides the request's own that may open sockets (config.allowedOrigins). @default [] */
  allowedOrigins?: readonly string[];
  /** @default COLLAB_LIMITS (shared/collab/limits.ts) */
  limits?: Partial<CollabLimits>;
  /** @default consoleCollabLog */
  log?: CollabLog;
  /** Ping every socket this often; one that missed the previous pong is cut. @default 30_000 */
  pingIntervalMs?: number;
  /** Re-run `authenticate` for open sockets this often (expired sessions, sign-out). @default 60_000 */
  reauthenticateIntervalMs?: number;
  /** How long close() waits for pending writes before giving up on them (logged). @default 10_000 */
  shutdownTimeoutMs?: number;
}

/** How long a refused socket may take to read its close frame before it is cut. */
const REFUSED_TERMINATE_MS = 2000;

/**
 * The y-websocket-compatible sync server at /collab/<draftId>, on the app's own HTTP server (ws in
 * noServer mode). At the upgrade, before any document work: the path (strict id pattern), the Origin,
 * then the `authenticate` hook (session, draft, permission). A refused request under /collab/ completes
 * the handshake and is closed at once with its code, so browsers can read why. Documents live in rooms (DocumentRoom), one per
 * draft, loaded once however many sockets join and unloaded after the last one leaves.
 */
export class CollabServer {
  private readonly hooks: CollabHooks;
  private readonly limits: CollabLimits;
  private readonly log: CollabLog;
  private readonly wss: WebSocketServer;
  private readonly rooms = new Map<string, DocumentRoom>();
  private readonly roomOf = new Map<CollabConnection, DocumentRoom>();
  private readonly connections = new Set<CollabConnection>();
  private readonly changeListeners = new Set<(draftId: string, negotiation: boolean) => void>();
  private readonly bracketListeners = new Set<(change: BracketChange) => void | Promise<void>>();
  private readonly optionListeners = new Set<(change: OptionsAdded) => void | Promise<void>>();
  private readonly timers: NodeJS.Timeout[];
  private closing: Promise<void> | null = null;

  constructor(private readonly options: CollabServerOptions) {
    this.hooks = options.hooks;
    this.limits = { ...COLLAB_LIMITS, ...options.limits };
    this.log = options.log ?? consoleCollabLog;
    // maxPayload makes ws refuse an oversized frame from its header, before buffering it.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: this.limits.maxFrameBytes, perMessageDeflate: false, clientTracking: false });
    this.timers = [
      setInterval(() => this.pingAll(), options.pingIntervalMs ?? 30_000).unref(),
      setInterval(() => this.reauthenticateAll(), options.reauthenticateIntervalMs ?? 60_000).unref(),
    ];
  }

  /**
   * Handles an HTTP 'upgrade' for a path under /collab/ and returns true; returns false, touching nothing,
   * for any other path (another endpoint may own it).
   */
  readonly handleUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): boolean => {
    if (!(request.url ?? '').startsWith(COLLAB_PATH_PREFIX)) return false;
    socket.on('error', () => socket.destroy());
    void this.upgrade(request, socket, head);
    return true;
  };

  /** Closes every socket of a member (their sessions ended), e.g. with SESSION_ENDED. */
  closeMember(userId: string, code: CloseCode): void {
    for (const conn of [...this.connections]) if (conn.user.id === userId) conn.close(code, 'the member’s sessions ended');
  }

  /**
   * Runs `read` against a draft's document: the live one when the draft is open, else one loaded for the
   * call (and unloaded after, like any room). Implements server/domain/DraftDocuments. `read` must not
   * keep or change the document. Rejects when the draft cannot be loaded or the server is stopping.
   */
  read<T>(draftId: string, read: (doc: Y.Doc) => T): Promise<T> {
    return this.withRoom(draftId, (room) => read(room.doc));
  }

  /**
   * Runs `change` in one transaction on a draft's live document (loading it if nobody has it open): every
   * connected client receives it, and it is stored like a client's update. Resolves with `change`'s result
   * once the change is durable. Implements server/domain/DraftDocuments.
   */
  change<T>(draftId: string, change: (doc: Y.Doc) => T): Promise<T> {
    return this.withRoom(draftId, (room) => room.change(change));
  }

  /**
   * Runs `work` with the draft's document held still (DocumentRoom.hold), the draft kept open meanwhile.
   * Implements server/domain/DraftDocuments.
   */
  hold<T>(draftId: string, work: () => Promise<T>): Promise<T> {
    return this.withRoom(draftId, (room) => room.hold(work));
  }

  /**
   * Calls `listener` with the draft id after every accepted change of an open document, and whether the
   * change may have changed its bracket or option counts (see DocumentRoom's onChanged). Returns the
   * unsubscribe function.
   */
  onDraftChanged(listener: (draftId: string, negotiation: boolean) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /**
   * Calls `listener` after a member's update added or lifted brackets (attributed as the server corrected
   * them), e.g. to audit it. It runs on the sync path: it must not wait for anything; a thrown error or a
   * rejected promise is logged. Returns the unsubscribe function.
   */
  onBracketsChanged(listener: (change: BracketChange) => void | Promise<void>): () => void {
    this.bracketListeners.add(listener);
    return () => this.bracketListeners.delete(listener);
  }

  /**
   * Calls `listener` after a member's update added options (alternatives) to clauses, e.g. to audit it. Like
   * onBracketsChanged, it runs on the sync path and must not wait; failures are logged. Returns the unsubscribe function.
   */
  onOptionsAdded(listener: (change: OptionsAdded) => void | Promise<void>): () => void {
    this.optionListeners.add(listener);
    return () => this.optionListeners.delete(listener);
  }

  /** Live figures, for tests and diagnostics. */
  stats(): { connections: number; rooms: number } {
    return { connections: this.connections.size, rooms: this.rooms.size };
  }

  /** Closes every socket with SHUTTING_DOWN, flushes and unloads every document, then resolves. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    let draftId: string | null = null;
    let user: CollabUser;
    try {
      if (this.closing) throw new CollabRefusal(CLOSE_CODE.SHUTTING_DOWN, 'the server is stopping');
      draftId = parseCollabPath(request.url ?? '');
      if (!draftId) throw new CollabRefusal(CLOSE_CODE.BAD_DRAFT_ID, 'not a draft address');
      if (!isAllowedOrigin(request, this.options.allowedOrigins ?? [])) throw new CollabRefusal(CLOSE_CODE.BAD_ORIGIN, 'origin not allowed');
      user = await this.hooks.authenticate({ request, draftId });
    } catch (error) {
      if (!(error instanceof CollabRefusal)) this.log.error('authenticate failed', { draftId, error: (error as Error).message });
      return this.refuse(request, socket, head, error instanceof CollabRefusal ? error.code : CLOSE_CODE.INTERNAL_ERROR);
    }
    if (socket.destroyed) return;
    if (this.closing) return this.refuse(request, socket, head, CLOSE_CODE.SHUTTING_DOWN);
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, socket, request, draftId, user));
  }

  private refuse(request: IncomingMessage, socket: Duplex, head: Buffer, code: CloseCode): void {
    if (socket.destroyed) return;
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      ws.on('error', () => ws.terminate());
      ws.close(code, closeCodeName(code) ?? undefined);
      setTimeout(() => ws.terminate(), REFUSED_TERMINATE_MS).unref();
    });
  }

  private accept(ws: WebSocket, socket: Duplex, request: IncomingMessage, draftId: string, user: CollabUser): void {
    if (this.atConnectionLimit(user.id, draftId)) {
      ws.on('error', () => ws.terminate());
      ws.close(CLOSE_CODE.TOO_MANY_CONNECTIONS, closeCodeName(CLOSE_CODE.TOO_MANY_CONNECTIONS) ?? undefined);
      setTimeout(() => ws.terminate(), REFUSED_TERMINATE_MS).unref();
      return;
    }
    const conn = new CollabConnection(ws, { draftId, user, request, socket, limits: this.limits, log: this.log, onClose: (c) => this.forget(c) });
    this.connections.add(conn);
    void this.admit(conn);
  }

  /** True when a member already has as many sockets open as the limits allow, to this draft or in all. */
  private atConnectionLimit(userId: string, draftId: string): boolean {
    let inAll = 0;
    let inDraft = 0;
    for (const conn of this.connections) {
      if (conn.user.id !== userId || conn.isClosed) continue;
      inAll += 1;
      if (conn.draftId === draftId) inDraft += 1;
    }
    return inDraft >= this.limits.maxConnectionsPerMemberPerDraft || inAll >= this.limits.maxConnectionsPerMember;
  }

  /** Puts a connection into its draft's room, waiting out a room that is unloading. */
  private async admit(conn: CollabConnection): Promise<void> {
    for (;;) {
      if (conn.isClosed) return;
      if (this.closing) return conn.close(CLOSE_CODE.SHUTTING_DOWN, 'the server is stopping');
      const room = this.roomFor(conn.draftId);
      this.roomOf.set(conn, room);
      if (room.join(conn)) return;
      this.roomOf.delete(conn);
      await room.gone;
    }
  }

  /** Holds a draft's room open (loading it if needed) while `use` runs, with a socket-less member. */
  private async withRoom<T>(draftId: string, use: (room: DocumentRoom) => T | Promise<T>): Promise<T> {
    const reader = new DocumentReader();
    for (;;) {
      if (this.closing) throw new Error('the collaboration server is stopping');
      const room = this.roomFor(draftId);
      if (room.join(reader)) {
        try {
          await reader.ready;
          return await use(room);
        } finally {
          room.leave(reader);
        }
      }
      await room.gone;
    }
  }

  private notifyChanged(draftId: string, negotiation: boolean): void {
    for (const listener of this.changeListeners) {
      try {
        listener(draftId, negotiation);
      } catch (error) {
        this.log.error('a draft change listener failed', { draftId, error: (error as Error).message });
      }
    }
  }

  /** Calls each listener with `change` without waiting; a throw or a rejection is logged as `failure`. */
  private notifyAll<C extends { draftId: string }>(listeners: Iterable<(change: C) => void | Promise<void>>, change: C, failure: string): void {
    const failed = (error: unknown) => this.log.error(failure, { draftId: change.draftId, error: error instanceof Error ? error.message : String(error) });
    for (const listener of listeners) {
      try {
        void Promise.resolve(listener(change)).catch(failed);
      } catch (error) {
        failed(error);
      }
    }
  }

  private roomFor(draftId: string): DocumentRoom {
    const existing = this.rooms.get(draftId);
    if (existing) return existing;
    const room = new DocumentRoom({
      draftId,
      hooks: this.hooks,
      limits: this.limits,
      log: this.log,
      onGone: (gone) => {
        if (this.rooms.get(draftId) === gone) this.rooms.delete(draftId);
      },
      onChanged: (id, negotiation) => this.notifyChanged(id, negotiation),
      onBracketsChanged: (change) => this.notifyAll(this.bracketListeners, change, 'a bracket change listener failed'),
      onOptionsAdded: (change) => this.notifyAll(this.optionListeners, change, 'an options listener failed'),
    });
    this.rooms.set(draftId, room);
    return room;
  }

  private forget(conn: CollabConnection): void {
    this.connections.delete(conn);
    const room = this.roomOf.get(conn);
    this.roomOf.delete(conn);
    room?.leave(conn);
  }

  private pingAll(): void {
    for (const conn of [...this.connections]) conn.ping();
  }

  /** A session can end without endAllFor (expiry, sign-out in another tab): re-check each socket's. */
  private reauthenticateAll(): void {
    for (const conn of [...this.connections]) {
      Promise.resolve()
        .then(() => this.hooks.authenticate({ request: conn.request, draftId: conn.draftId }))
        .then(
          (user) => {
            // A new delegation must not keep the old one's bracket attribution: reconnecting picks up the new one.
            const changed = user.id !== conn.user.id || user.readOnly !== conn.user.readOnly || user.delegationId !== conn.user.delegationId;
            if (changed) conn.close(CLOSE_CODE.SESSION_ENDED, 'the session changed');
          },
          (error: unknown) => {
            const code = error instanceof CollabRefusal ? error.code : CLOSE_CODE.INTERNAL_ERROR;
            conn.close(code === CLOSE_CODE.UNAUTHENTICATED ? CLOSE_CODE.SESSION_ENDED : code, 'access re-check failed');
          },
        );
    }
  }

  private async shutdown(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    for (const conn of [...this.connections]) conn.close(CLOSE_CODE.SHUTTING_DOWN, 'the server is stopping');
    const rooms = [...this.rooms.values()];
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      Promise.all(rooms.map((room) => room.gone)).then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), this.options.shutdownTimeoutMs ?? 10_000))),
    ]);
    clearTimeout(timer);
    if (timedOut) for (const room of rooms) room.abandon();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
