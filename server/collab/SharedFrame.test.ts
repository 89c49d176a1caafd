import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { encodeBinaryFrame, SharedFrame } from './SharedFrame.js';

describe('SharedFrame', () => {
  it('frames payloads of every length class so a stock ws client reads them back byte for byte', async () => {
    const http = createServer();
    const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
    const payloads = [0, 1, 125, 126, 65_535, 65_536, 300_000].map((n) => Uint8Array.from({ length: n }, (_, i) => (i * 7) % 251));
    http.on('upgrade', (request, socket, head) =>
      wss.handleUpgrade(request, socket, head, () => {
        const shared = new SharedFrame(payloads[1]!);
        for (const payload of payloads) socket.write(encodeBinaryFrame(payload));
        socket.write(shared.wire);
        expect(shared.wire).toBe(shared.wire);
      }),
    );
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const client = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
    const received: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      client.on('error', reject);
      client.on('message', (data, isBinary) => {
        expect(isBinary).toBe(true);
        received.push(data as Buffer);
        if (received.length === payloads.length + 1) resolve();
      });
    });
    client.terminate();
    await new Promise<void>((resolve) => http.close(() => resolve()));
    expect(received.map((b) => b.byteLength)).toEqual([...payloads.map((p) => p.byteLength), 1]);
    payloads.forEach((payload, i) => expect(Buffer.compare(received[i]!, Buffer.from(payload))).toBe(0));
  });
});
