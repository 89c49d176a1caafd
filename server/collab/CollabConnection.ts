import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, type RawData } from 'ws';
import * as Y from 'yjs';
import { CLOSE_CODE, closeCodeName, type CloseCode } from '../../shared/collab/closeCodes.js';
import type { CollabLimits } from '../../shared/collab/limits.js';
import type { Log } from '../log.js';
import type { RoomMember, SyncHandshake } from '../rooms/RoomClient.js';
import { RoomRefusal } from '../rooms/RoomRefusal.js';
import { RateLimiter } from './RateLimiter.js';
import { readClientMessage, type ClientMessage } from './readClientMessage.js';
import type { RoomApi, RoomConnection } from './RoomConnection.js';
import { encodeBinaryFrame, SharedFrame } from './SharedFrame.js';

/** How long a closed socket may take to finish the closing handshake before it is cut. */
const TERMINATE_AFTER_MS = 2000;

/** ws closes on its own with these RFC 6455 codes when a frame breaks a limit or the framing; clients see ours. */
const WS_CODE_TO_CLOSE_CODE: Record<number, CloseCode> = {
  1002: CLOSE_CODE.MALFORMED_MESSAGE,
  1007: CLOSE_CODE.MALFORMED_MESSAGE,
  1009: CLOSE_CODE.MESSAGE_TOO_LARGE,
};

/** Closes worth a log line: the client broke a rule (others are routine: sessions ending, shutdown). */
const MISBEHAVIOUR = new Set<CloseCode>([
  CLOSE_CODE.MALFORMED_MESSAGE,
  CLOSE_CODE.MESSAGE_TOO_LARGE,
  CLOSE_CODE.RATE_LIMITED,
  CLOSE_CODE.SLOW_CONSUMER,
]);

/** Running totals of a sync server's traffic, for its metrics. */
export interface CollabTraffic {
  /** Document updates received from members who may write (before any rule judged them). */
  updatesIn: number;
  /** Frames written to sockets (updates, presence, sync answers, "saved"), and their bytes. */
  framesOut: number;
  bytesOut: number;
}

export interface CollabConnectionOptions {
  draftId: string;
  member: RoomMember;
  /** The upgrade request, kept so the server can re-run authenticate on it. */
  request: IncomingMessage;
  /**
   * The upgraded TCP socket `ws` runs on. Messages are written to it as ready-made frames (a broadcast is
   * framed once for everyone). This keeps the order of everything sent because ws, without
   * permessage-deflate (the server turns it off) and without Blob data (never sent), writes its own
   * frames (close, ping, pong) to the socket at once, never queueing them.
   */
  socket: Duplex;
  limits: CollabLimits;
  log: Log;
  /** The server's running totals, which this connection adds to (metrics). */
  traffic: CollabTraffic;
  /** Called once when the connection is closed, whoever closed it. */
  onClose(conn: CollabConnection): void;
}

/**
 * One accepted socket: rate-limits and reads its frames, dispatches them to its room once the room is
 * loaded (queueing until then), and guards what is sent to it. Any refused frame closes this socket only.
 */
export class CollabConnection implements RoomConnection {
  readonly member: RoomMember;
  readonly draftId: string;
  readonly request: IncomingMessage;
  readonly clientIds = new Set<number>();
  readonly sync: SyncHandshake = { declared: new Map(), answered: false };
  savedSubscribed = false;
  /** Cleared by each ping; a socket still false at the next one is dead. */
  alive = true;
  private room: RoomApi | null = null;
  private readonly waiting: Uint8Array[] = [];
  private readonly limiter: RateLimiter;
  private closed = false;
  private finished = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly options: CollabConnectionOptions,
  ) {
    this.member = options.member;
    this.draftId = options.draftId;
    this.request = options.request;
    this.limiter = new RateLimiter(options.limits.messagesPerSecond, options.limits.messageBurst);
    reportLimitClosesWithOurCodes(ws);
    // Read nothing more until the room is loaded: what already arrived waits in `waiting`, the rest in TCP.
    ws.pause();
    ws.on('message', (data, isBinary) => this.receive(data, isBinary));
    ws.on('pong', () => (this.alive = true));
    ws.on('error', (error) => this.options.log.warn('socket error', this.context({ error: error.message })));
    ws.on('close', () => this.finish());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  speaksFor(clientId: number): boolean {
    return this.clientIds.has(clientId);
  }

  /** The room refused what this client sent (or is reloading): the socket closes with the code. */
  end(code: CloseCode, reason: string): void {
    this.close(code, reason);
  }

  /** The room is loaded: greet-time messages were sent by the room; now process what queued up. */
  attach(room: RoomApi): void {
    this.room = room;
    for (const frame of this.waiting.splice(0)) {
      if (this.closed) return;
      this.handle(frame);
    }
    this.ws.resume();
  }

  send(message: Uint8Array | SharedFrame): void {
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return;
    // Counts what waits in the socket too, so frames written past ws are included.
    if (this.ws.bufferedAmount > this.options.limits.maxBufferedBytes) {
      this.close(CLOSE_CODE.SLOW_CONSUMER, `${this.ws.bufferedAmount} bytes waiting`);
      return;
    }
    const frame = message instanceof SharedFrame ? message.wire : encodeBinaryFrame(message);
    this.options.traffic.framesOut += 1;
    this.options.traffic.bytesOut += frame.byteLength;
    this.options.socket.write(frame);
  }

  close(code: CloseCode, reason: string): void {
    if (this.closed) return;
    if (MISBEHAVIOUR.has(code)) this.options.log.warn(`closing a socket: ${reason}`, this.context({ code }));
    this.ws.close(code, closeReason(code, reason));
    // A socket paused while its room loads must read the client's close reply to finish the handshake.
    this.ws.resume();
    setTimeout(() => this.ws.terminate(), TERMINATE_AFTER_MS).unref();
    this.finish();
  }

  /** Sends a ping; cuts the socket if the previous one went unanswered. */
  ping(): void {
    if (this.closed) return;
    if (!this.alive) {
      this.ws.terminate();
      return this.finish();
    }
    this.alive = false;
    this.ws.ping();
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    if (!this.limiter.take()) return this.close(CLOSE_CODE.RATE_LIMITED, 'too many messages');
    if (!isBinary || !Buffer.isBuffer(data)) return this.close(CLOSE_CODE.MALFORMED_MESSAGE, 'not a binary frame');
    const frame = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (this.room) this.handle(frame);
    else this.waiting.push(frame);
  }

  private handle(frame: Uint8Array): void {
    try {
      this.dispatch(readClientMessage(frame), this.room!);
    } catch (error) {
      if (error instanceof RoomRefusal) return this.close(error.code, error.message);
      this.options.log.error('a message handler failed', this.context({ error: (error as Error).stack }));
      this.close(CLOSE_CODE.INTERNAL_ERROR, 'unexpected error');
    }
  }

  private dispatch(message: ClientMessage, room: RoomApi): void {
    switch (message.type) {
      case 'syncStep1':
        this.sync.declared = readStateVector(message.stateVector);
        return this.send(room.syncStep2For(message.stateVector));
      case 'syncStep2':
      case 'update':
        // Reviewers read only: their edits are dropped here, before anything is decoded or applied.
        if (!this.member.readOnly) {
          this.options.traffic.updatesIn += 1;
          room.applyUpdate(this, message.update, message.type);
        }
        return;
      case 'awareness':
        return room.receiveAwareness(this, message.update);
      case 'queryAwareness': {
        const states = room.awarenessMessage();
        return states ? this.send(states) : undefined;
      }
      case 'savedSubscribe':
        this.savedSubscribed = true;
        return this.send(room.savedMessage());
    }
  }

  private finish(): void {
    this.closed = true;
    this.waiting.length = 0;
    if (this.finished) return;
    this.finished = true;
    this.options.onClose(this);
  }

  private context(extra: Record<string, unknown>): Record<string, unknown> {
    return { draftId: this.draftId, userId: this.member.id, ...extra };
  }
}

function readStateVector(bytes: Uint8Array): Map<number, number> {
  try {
    return Y.decodeStateVector(bytes);
  } catch (error) {
    throw new RoomRefusal(CLOSE_CODE.MALFORMED_MESSAGE, `unreadable state vector: ${(error as Error).message}`);
  }
}

/** ws closes a socket by itself (before our code sees the frame) when a frame is too big or badly framed. */
function reportLimitClosesWithOurCodes(ws: WebSocket): void {
  const close = ws.close.bind(ws);
  ws.close = (code?: number, reason?: string | Buffer) => {
    const ours = code === undefined ? undefined : WS_CODE_TO_CLOSE_CODE[code];
    if (ours === undefined) return close(code, reason);
    return close(ours, closeCodeName(ours) ?? undefined);
  };
}

/** The most bytes a close frame's reason may hold (RFC 6455: 125 bytes of payload, 2 of them the code). */
const MAX_CLOSE_REASON_BYTES = 123;

/**
 * The reason a close frame carries: the code's name; for a refused edit also why, which the member's page
 * shows (cut to fit the frame, at a character boundary).
 */
function closeReason(code: CloseCode, reason: string): string | undefined {
  const name = closeCodeName(code) ?? undefined;
  if (code !== CLOSE_CODE.EDIT_REFUSED) return name;
  let text = `${name}: ${reason}`;
  while (Buffer.byteLength(text) > MAX_CLOSE_REASON_BYTES) text = `${[...text].slice(0, -2).join('')}…`;
  return text;
}
