import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { COLLAB_PATH_PREFIX } from '../../shared/collab/collabPath.js';
import { ApiClient } from './http.js';
import { registerTeardown } from './teardown.js';
import { TEST_PASSWORD, type TestServer } from './testServer.js';

export { registerTeardown };

/** Signs a demo member in over the real API and returns the `sid=...` cookie pair. */
export async function signInCookie(server: TestServer, email: string): Promise<string> {
  const api = await new ApiClient(server.url).signIn(email, TEST_PASSWORD);
  return api.cookie!;
}

/** The id of the seeded starter draft (the only draft of a fresh test server). */
export async function starterDraftId(server: TestServer): Promise<string> {
  const api = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
  const res = await api.get('/api/drafts');
  return (res.body as Array<{ id: string }>).at(-1)!.id;
}

/** A `ws` WebSocket class that sends the given headers (Cookie, Origin) on the handshake, for y-websocket's WebSocketPolyfill. */
export function webSocketWithHeaders(headers: Record<string, string>): typeof globalThis.WebSocket {
  class HeaderWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  return HeaderWebSocket as unknown as typeof globalThis.WebSocket;
}

function handshakeHeaders(server: TestServer, cookie: string | null, origin: string | null | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  const sentOrigin = origin === undefined ? server.url : origin;
  if (sentOrigin !== null) headers.origin = sentOrigin;
  return headers;
}

export interface CollabClientOptions {
  draftId: string;
  /** The session cookie to send; null sends none. */
  cookie: string | null;
  /** The Origin header. @default the server's own origin; null sends none */
  origin?: string | null;
  /** Resolve only once the first sync finished. @default true */
  waitForSync?: boolean;
  /** @default true */
  connect?: boolean;
}

export interface CollabClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close events the provider saw, in order. */
  closes: Array<{ code: number; reason: string }>;
  /** Resolves with the next close event. */
  nextClose(): Promise<{ code: number; reason: string }>;
  destroy(): void;
}

/**
 * A stock y-websocket WebsocketProvider in Node (ws as WebSocketPolyfill with the cookie and Origin
 * headers), BroadcastChannel off so clients in one process only meet through the server. Destroyed when
 * the test ends.
 */
export async function openCollabClient(server: TestServer, options: CollabClientOptions): Promise<CollabClient> {
  const doc = new Y.Doc();
  const headers = handshakeHeaders(server, options.cookie, options.origin);
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}${COLLAB_PATH_PREFIX.slice(0, -1)}`, options.draftId, doc, {
    WebSocketPolyfill: webSocketWithHeaders(headers),
    disableBc: true,
    connect: options.connect ?? true,
    maxBackoffTime: 300,
  });
  const closes: Array<{ code: number; reason: string }> = [];
  const closeWaiters: Array<(event: { code: number; reason: string }) => void> = [];
  provider.on('connection-close', (event) => {
    if (!event) return;
    const close = { code: event.code, reason: String(event.reason) };
    closes.push(close);
    for (const waiter of closeWaiters.splice(0)) waiter(close);
  });
  let destroyed = false;
  const client: CollabClient = {
    doc,
    provider,
    closes,
    nextClose: () => new Promise((resolve) => closeWaiters.push(resolve)),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      provider.destroy();
      doc.destroy();
    },
  };
  registerTeardown(() => client.destroy());
  if (options.waitForSync ?? true) await waitForSync(client);
  return client;
}

/** Resolves once the provider has synced with the server; rejects after `timeoutMs` with the close codes seen. */
export function waitForSync(client: CollabClient, timeoutMs = 5000): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no sync within ${timeoutMs} ms; closes: ${JSON.stringify(client.closes)}`)),
      timeoutMs,
    );
    const onSync = (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      client.provider.off('sync', onSync);
      resolve();
    };
    client.provider.on('sync', onSync);
  });
}

/** Polls `check` until it returns true; fails the test with `what` after `timeoutMs`. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface RawSocket {
  ws: WebSocket;
  /** Binary frames received so far. */
  messages: Uint8Array[];
  /** Resolves once open (rejects if the handshake fails). */
  opened: Promise<void>;
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
}

/** A bare `ws` socket to any path of the server, for protocol-level tests. Terminated when the test ends. */
export function openRawSocket(server: TestServer, path: string, options: { cookie: string | null; origin?: string | null }): RawSocket {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers: handshakeHeaders(server, options.cookie, options.origin) });
  const messages: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  opened.catch(() => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  registerTeardown(() => ws.terminate());
  return { ws, messages, opened, closed };
}

/**
 * Sends a websocket upgrade for `target` exactly as written (no URL normalisation, so `..` reaches the
 * server) and reports the HTTP status line and, after a 101, the code of the server's close frame when
 * the first frame is one (null when the server sends anything else first, i.e. accepted the socket).
 */
export function rawUpgrade(
  server: TestServer,
  target: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; closeCode: number | null }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1');
    registerTeardown(() => {
      socket.destroy();
    });
    const lines = [
      `GET ${target} HTTP/1.1`,
      `Host: 127.0.0.1:${server.port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ];
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    let received = Buffer.alloc(0);
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (end === -1) return;
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received.toString('latin1'))?.[1]);
      if (status !== 101) return finish(status, null);
      const frame = received.subarray(end + 4);
      // An unmasked close frame from the server: 0x88, payload length, then the 2-byte code.
      if (frame.length >= 4 && frame[0] === 0x88) finish(status, frame.readUInt16BE(2));
      else if (frame.length > 0 && frame[0] !== 0x88) finish(status, null);
    });
    socket.on('close', () => finish(0, null));
    let done = false;
    function finish(status: number, closeCode: number | null) {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ status, closeCode });
    }
  });
}
