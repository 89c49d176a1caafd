import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { COLLAB_PATH_PREFIX, parseCollabPath } from '../../shared/collab/collabPath.js';
import { CLOSE_CODE, closeCodeName, type CloseCode } from '../../shared/collab/closeCodes.js';
import { COLLAB_LIMITS, type CollabLimits } from '../../shared/collab/limits.js';
import { consoleLog, type Log } from '../log.js';
import type { DraftRoom } from '../rooms/DraftRoom.js';
import type { DraftRooms } from '../rooms/DraftRooms.js';
import type { RoomMember } from '../rooms/RoomClient.js';
import { RoomRefusal } from '../rooms/RoomRefusal.js';
import type { Authenticate } from './authenticateMember.js';
import { CollabConnection, type CollabTraffic } from './CollabConnection.js';
import type { MemberSlots } from './MemberSlots.js';
import type { PresenceExchange } from './PresenceExchange.js';
import { isAllowedOrigin } from './isAllowedOrigin.js';
import { SocketRoom } from './SocketRoom.js';

export interface CollabServerOptions {
  /** The draft rooms the sockets edit. */
  rooms: DraftRooms;
  /** Who may open a draft (session, draft, permission); re-run periodically on open sockets. */
  authenticate: Authenticate;
  /** Origins besides the request's own that may open sockets (config.allowedOrigins). @default [] */
  allowedOrigins?: readonly string[];
  /** @default COLLAB_LIMITS (shared/collab/limits.ts) */
  limits?: Partial<CollabLimits>;
  /** @default consoleLog('collab') */
  log?: Log;
  /** Ping every socket this often; one that missed the previous pong is cut. @default 30_000 */
  pingIntervalMs?: number;
  /** Re-run `authenticate` for open sockets this often (expired sessions, sign-out). @default 60_000 */
  reauthenticateIntervalMs?: number;
  /** Presence shared with other server processes on the same database. @default none (one process) */
  presence?: PresenceExchange;
  /** Members' socket caps counted across every process (several processes). @default this process's count only */
  slots?: MemberSlots;
}

/** What one member may now do in a draft, as CollabServer.accessChanged is told. */
export interface DraftAccess {
  /** False once they no longer take part in the draft: their socket is closed with FORBIDDEN. */
  mayOpen: boolean;
  /** Whether their socket would now be read-only (isReadOnly). */
  readOnly: boolean;
}

/** How long a refused socket may take to read its close frame before it is cut. */
const REFUSED_TERMINATE_MS = 2000;

/**
 * The y-websocket-compatible sync server at /collab/<draftId>, on the app's own HTTP server (ws in
 * noServer mode). At the upgrade, before any document work: the path (strict id pattern), the Origin,
 * then the `authenticate` hook (session, draft, permission). A refused request under /collab/ completes
 * the handshake and is closed at once with its code, so browsers can read why. An accepted socket joins its
 * draft's room (DraftRooms; loaded once however many join) as one of its clients; the sockets of a loaded
 * room are a SocketRoom (greeting, presence, fan-out of what the room accepts).
 */
export class CollabServer {
  private readonly limits: CollabLimits;
  private readonly log: Log;
  private readonly wss: WebSocketServer;
  private readonly roomOf = new Map<CollabConnection, DraftRoom>();
  private readonly socketRooms = new Map<DraftRoom, SocketRoom>();
  private readonly socketRoomsByDraft = new Map<string, SocketRoom>();
  private readonly stopPresence: () => void;
  private readonly connections = new Set<CollabConnection>();
  private readonly traffic: CollabTraffic = { updatesIn: 0, framesOut: 0, bytesOut: 0 };
  private readonly timers: NodeJS.Timeout[];
  private closing: Promise<void> | null = null;

  constructor(private readonly options: CollabServerOptions) {
    this.limits = { ...COLLAB_LIMITS, ...options.limits };
    this.log = options.log ?? consoleLog('collab');
    // maxPayload makes ws refuse an oversized frame from its header, before buffering it.
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.limits.maxFrameBytes,
      perMessageDeflate: false,
      clientTracking: false,
    });
    this.timers = [
      setInterval(() => this.pingAll(), options.pingIntervalMs ?? 30_000).unref(),
      setInterval(() => this.reauthenticateAll(), options.reauthenticateIntervalMs ?? 60_000).unref(),
    ];
    this.stopPresence =
      options.presence?.subscribe((draftId, entries) => this.socketRoomsByDraft.get(draftId)?.applyRemotePresence(entries)) ??
      (() => undefined);
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

  /**
   * Closes every socket of a member (their sessions ended), e.g. with SESSION_ENDED; with `which`, only those
   * whose upgrade request it picks (the sockets of the one session signed out from "Your sessions").
   */
  closeMember(userId: string, code: CloseCode, which: (request: IncomingMessage) => boolean = () => true): void {
    for (const conn of [...this.connections]) {
      if (conn.member.id === userId && which(conn.request)) conn.close(code, 'the member’s sessions ended');
    }
  }

  /**
   * What members may do in a draft changed (it was archived or restored, or its participants changed): each
   * of its sockets whose member may no longer open it is closed with FORBIDDEN (final: the page says they no
   * longer have access); each whose read-only flag is not what `access` now says for its member is closed
   * with ACCESS_CHANGED, so it reconnects and `authenticate` gives the new socket the new permission. Sockets
   * that keep theirs (a reviewer's, or any socket when the draft was only renamed or recounted) stay open.
   * Closing rather than flipping the flag in place keeps one place that decides a socket's permission
   * (authenticate, at the upgrade), and a client whose edits were dropped learns it from the socket, not only
   * from the page's event stream: stock clients reconnect, the app's page opens the draft afresh.
   */
  accessChanged(draftId: string, access: (member: RoomMember) => DraftAccess): void {
    for (const conn of [...this.connections]) {
      if (conn.draftId !== draftId || conn.isClosed) continue;
      const now = access(conn.member);
      if (!now.mayOpen) conn.close(CLOSE_CODE.FORBIDDEN, 'no longer a participant of the draft');
      else if (conn.member.readOnly !== now.readOnly) conn.close(CLOSE_CODE.ACCESS_CHANGED, 'the draft was archived or restored');
    }
  }

  /** Live figures, for tests and diagnostics. */
  stats(): { connections: number } & CollabTraffic {
    return { connections: this.connections.size, ...this.traffic };
  }

  /** Closes every socket with SHUTTING_DOWN (they leave their rooms); from now on new sockets are refused so. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    let draftId: string | null = null;
    let member: RoomMember;
    try {
      if (this.closing) throw new RoomRefusal(CLOSE_CODE.SHUTTING_DOWN, 'the server is stopping');
      draftId = parseCollabPath(request.url ?? '');
      if (!draftId) throw new RoomRefusal(CLOSE_CODE.BAD_DRAFT_ID, 'not a draft address');
      if (!isAllowedOrigin(request, this.options.allowedOrigins ?? [])) throw new RoomRefusal(CLOSE_CODE.BAD_ORIGIN, 'origin not allowed');
      member = await this.options.authenticate({ request, draftId });
    } catch (error) {
      if (!(error instanceof RoomRefusal)) this.log.error('authenticate failed', { draftId, error: (error as Error).message });
      return this.refuse(request, socket, head, error instanceof RoomRefusal ? error.code : CLOSE_CODE.INTERNAL_ERROR);
    }
    // This process's own count first (final: close other windows); then, with several processes, the member's
    // sockets on all of them (transient: a dead process's sockets stop counting within seconds). The local
    // count is checked again in accept, after the wait.
    if (this.atConnectionLimit(member.id, draftId)) return this.refuse(request, socket, head, CLOSE_CODE.TOO_MANY_CONNECTIONS);
    let release: () => void = () => undefined;
    if (this.options.slots) {
      const taken = await this.options.slots.take([
        { key: `socket:${member.id}:${draftId}`, limit: this.limits.maxConnectionsPerMemberPerDraft },
        { key: `socket:${member.id}`, limit: this.limits.maxConnectionsPerMember },
      ]);
      if (!taken) return this.refuse(request, socket, head, CLOSE_CODE.CONNECTIONS_HELD_ELSEWHERE);
      release = taken;
    }
    if (socket.destroyed || this.closing) {
      release();
      return socket.destroyed ? undefined : this.refuse(request, socket, head, CLOSE_CODE.SHUTTING_DOWN);
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, socket, request, draftId, member, release));
  }

  private refuse(request: IncomingMessage, socket: Duplex, head: Buffer, code: CloseCode): void {
    if (socket.destroyed) return;
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      ws.on('error', () => ws.terminate());
      ws.close(code, closeCodeName(code) ?? undefined);
      setTimeout(() => ws.terminate(), REFUSED_TERMINATE_MS).unref();
    });
  }

  private accept(ws: WebSocket, socket: Duplex, request: IncomingMessage, draftId: string, member: RoomMember, release: () => void): void {
    if (this.atConnectionLimit(member.id, draftId)) {
      release();
      ws.on('error', () => ws.terminate());
      ws.close(CLOSE_CODE.TOO_MANY_CONNECTIONS, closeCodeName(CLOSE_CODE.TOO_MANY_CONNECTIONS) ?? undefined);
      setTimeout(() => ws.terminate(), REFUSED_TERMINATE_MS).unref();
      return;
    }
    const conn = new CollabConnection(ws, {
      draftId,
      member,
      request,
      socket,
      limits: this.limits,
      log: this.log,
      traffic: this.traffic,
      onClose: (c) => {
        release();
        this.forget(c);
      },
    });
    this.connections.add(conn);
    void this.admit(conn);
  }

  /** True when a member already has as many sockets open as the limits allow, to this draft or in all. */
  private atConnectionLimit(userId: string, draftId: string): boolean {
    let inAll = 0;
    let inDraft = 0;
    for (const conn of this.connections) {
      if (conn.member.id !== userId || conn.isClosed) continue;
      inAll += 1;
      if (conn.draftId === draftId) inDraft += 1;
    }
    return inDraft >= this.limits.maxConnectionsPerMemberPerDraft || inAll >= this.limits.maxConnectionsPerMember;
  }

  /** Puts a connection into its draft's room and greets it once the room is loaded. */
  private async admit(conn: CollabConnection): Promise<void> {
    let room: DraftRoom;
    try {
      room = await this.options.rooms.join(conn.draftId, conn);
    } catch (error) {
      return conn.close(error instanceof RoomRefusal ? error.code : CLOSE_CODE.INTERNAL_ERROR, 'could not join the draft');
    }
    if (conn.isClosed) return room.leave(conn);
    this.roomOf.set(conn, room);
    try {
      await room.ready;
    } catch {
      return; // the room ended its clients with STORAGE_FAILURE
    }
    if (conn.isClosed) return;
    let socketRoom = this.socketRooms.get(room);
    if (!socketRoom) {
      socketRoom = new SocketRoom(
        room,
        this.limits,
        (empty) => {
          if (this.socketRooms.get(room) === empty) this.socketRooms.delete(room);
          if (this.socketRoomsByDraft.get(room.draftId) === empty) this.socketRoomsByDraft.delete(room.draftId);
        },
        this.options.presence ?? null,
      );
      this.socketRooms.set(room, socketRoom);
      this.socketRoomsByDraft.set(room.draftId, socketRoom);
    }
    socketRoom.greet(conn);
  }

  private forget(conn: CollabConnection): void {
    this.connections.delete(conn);
    const room = this.roomOf.get(conn);
    if (!room) return;
    this.roomOf.delete(conn);
    this.socketRooms.get(room)?.leave(conn);
    room.leave(conn);
  }

  private pingAll(): void {
    for (const conn of [...this.connections]) conn.ping();
  }

  /** A session can end without endAllFor (expiry, sign-out in another tab): re-check each socket's. */
  private reauthenticateAll(): void {
    for (const conn of [...this.connections]) {
      Promise.resolve()
        .then(() => this.options.authenticate({ request: conn.request, draftId: conn.draftId }))
        .then(
          (member) => {
            // A new delegation must not keep the old one's bracket attribution: reconnecting picks up the new one.
            const changed =
              member.id !== conn.member.id || member.role !== conn.member.role || member.delegationId !== conn.member.delegationId;
            if (changed) conn.close(CLOSE_CODE.SESSION_ENDED, 'the session changed');
            // The same member, with another permission: the draft was archived or restored and its event missed this
            // socket (Redis away, or the socket was still being opened). Reconnecting is enough, as in accessChanged.
            else if (member.readOnly !== conn.member.readOnly) conn.close(CLOSE_CODE.ACCESS_CHANGED, 'the draft was archived or restored');
          },
          (error: unknown) => {
            const code = error instanceof RoomRefusal ? error.code : CLOSE_CODE.INTERNAL_ERROR;
            conn.close(code === CLOSE_CODE.UNAUTHENTICATED ? CLOSE_CODE.SESSION_ENDED : code, 'access re-check failed');
          },
        );
    }
  }

  /**
   * The WebSocketServer runs without a server of its own (noServer) and tracks no clients, so there is
   * nothing of it to close: while the HTTP server is still up, new sockets keep getting SHUTTING_DOWN.
   */
  private shutdown(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.stopPresence();
    for (const conn of [...this.connections]) conn.close(CLOSE_CODE.SHUTTING_DOWN, 'the server is stopping');
    return Promise.resolve();
  }
}
