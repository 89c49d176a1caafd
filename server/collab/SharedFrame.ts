/**
 * A message framed once as a websocket binary frame (RFC 6455 §5.2), so a broadcast writes the very same
 * bytes to every socket instead of framing it again per connection. Frames from a server are not masked,
 * which is what makes one frame good for every client. Framed on first use: a broadcast that reaches no
 * real socket (only the server's own readers) costs nothing.
 */
export class SharedFrame {
  private framed: Buffer | null = null;

  constructor(readonly message: Uint8Array) {}

  /** Header and payload, ready for the socket. */
  get wire(): Buffer {
    this.framed ??= encodeBinaryFrame(this.message);
    return this.framed;
  }
}

/** FIN + binary opcode. */
const FIN_BINARY = 0x82;

/** One unmasked, unfragmented binary frame carrying `message`. */
export function encodeBinaryFrame(message: Uint8Array): Buffer {
  const length = message.byteLength;
  const headerLength = length < 126 ? 2 : length < 0x10000 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = FIN_BINARY;
  if (headerLength === 2) {
    frame[1] = length;
  } else if (headerLength === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 0x1_0000_0000), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.set(message, headerLength);
  return frame;
}
