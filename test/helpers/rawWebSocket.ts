import { randomBytes } from 'node:crypto';
import net from 'node:net';

/** RFC 6455 opcodes. */
export const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

export interface FrameOptions {
  /** @default OPCODE.binary */
  opcode?: number;
  /** @default true */
  fin?: boolean;
  /** The three reserved bits, 0-7. @default 0 */
  rsv?: number;
  /** Clients must mask; false sends a frame a server has to refuse. @default true */
  mask?: boolean;
  /** The payload length written in the header, when it should lie about the payload. @default payload.length */
  announcedLength?: number;
}

/** One websocket frame as raw bytes, exactly as described: nothing is checked, so it can break any rule on purpose. */
export function encodeFrame(payload: Uint8Array, options: FrameOptions = {}): Buffer {
  const { opcode = OPCODE.binary, fin = true, rsv = 0, mask = true } = options;
  const length = options.announcedLength ?? payload.length;
  const header: number[] = [(fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f)];
  const maskBit = mask ? 0x80 : 0;
  let extended = Buffer.alloc(0);
  if (length < 126) header.push(maskBit | length);
  else if (length <= 0xffff) {
    header.push(maskBit | 126);
    extended = Buffer.alloc(2);
    extended.writeUInt16BE(length);
  } else {
    header.push(maskBit | 127);
    extended = Buffer.alloc(8);
    extended.writeBigUInt64BE(BigInt(length));
  }
  if (!mask) return Buffer.concat([Buffer.from(header), extended, payload]);
  const key = randomBytes(4);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ key[i % 4]!));
  return Buffer.concat([Buffer.from(header), extended, key, masked]);
}

/** A frame the server sent (servers never mask). */
export interface ServerFrame {
  opcode: number;
  payload: Buffer;
}

/**
 * A websocket client written on a bare TCP socket, for tests that must send what no websocket library
 * would: any bytes after the handshake. It parses what the server sends back, so a test can see the close
 * code of a refusal, whether the server answered, or that it cut the connection.
 */
export class RawWebSocket {
  /** Frames received after the handshake, in order. */
  readonly frames: ServerFrame[] = [];
  /** The code of the server's close frame, once one arrived. */
  closeCode: number | null = null;
  /** True once the TCP connection has ended. */
  ended = false;
  private buffer: Buffer = Buffer.alloc(0);
  private waiters: Array<() => void> = [];

  private constructor(
    private readonly socket: net.Socket,
    /** The HTTP status of the handshake answer (101 when upgraded). */
    readonly status: number,
    rest: Buffer,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('close', () => {
      this.ended = true;
      this.notify();
    });
    socket.on('error', () => undefined);
    if (rest.length > 0) this.receive(rest);
  }

  /**
   * Connects and sends the upgrade request for `target` with `headers` (Cookie, Origin ...). Resolves after
   * the server's answer head; rejects when the connection fails or nothing comes within `timeoutMs`.
   */
  static connect(port: number, target: string, headers: Record<string, string>, timeoutMs = 5000): Promise<RawWebSocket> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no handshake answer for ${target} within ${timeoutMs} ms`));
      }, timeoutMs);
      let received = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        const end = received.indexOf('\r\n\r\n');
        if (end === -1) return;
        clearTimeout(timer);
        socket.off('data', onData);
        socket.off('error', onError);
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received.toString('latin1'))?.[1] ?? 0);
        resolve(new RawWebSocket(socket, status, received.subarray(end + 4)));
      };
      const onError = (error: Error) => {
        clearTimeout(timer);
        reject(error);
      };
      socket.on('data', onData);
      socket.on('error', onError);
      const lines = [
        `GET ${target} HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      ];
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
  }

  /** Writes raw bytes (frames from encodeFrame, or anything else). */
  write(bytes: Uint8Array): void {
    if (!this.ended) this.socket.write(bytes);
  }

  /** Resolves true once `condition` holds, false after `timeoutMs`. */
  waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
    if (condition()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve(false);
      }, timeoutMs);
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve(true);
      };
      this.waiters.push(check);
    });
  }

  destroy(): void {
    this.socket.destroy();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const frame = this.nextFrame();
      if (!frame) break;
      this.frames.push(frame);
      if (frame.opcode === OPCODE.close) this.closeCode = frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005;
    }
    this.notify();
  }

  private nextFrame(): ServerFrame | null {
    const b = this.buffer;
    if (b.length < 2) return null;
    let length = b[1]! & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (b.length < 4) return null;
      length = b.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (b.length < 10) return null;
      length = Number(b.readBigUInt64BE(2));
      offset = 10;
    }
    if (b.length < offset + length) return null;
    const frame = { opcode: b[0]! & 0x0f, payload: b.subarray(offset, offset + length) };
    this.buffer = b.subarray(offset + length);
    return frame;
  }
}
