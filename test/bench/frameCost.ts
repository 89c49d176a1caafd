/**
 * What one small websocket frame costs the sending process on this machine, whatever the server does
 * around it: a sender process (pinned like the benchmarked servers) writes ready-made 60-byte frames to
 * 300 loopback sockets read by a receiver process on the other core, once through `ws` (WebSocket.send)
 * and once as pre-framed bytes written to the socket (what our server does). The CPU per frame
 * (user + system, from process.cpuUsage) is the floor of "server CPU per delivered update" when every
 * delivery is one frame: a goal below it can only be met by putting several updates in one frame.
 *
 *   npx tsx test/bench/frameCost.ts [--sockets 300] [--rounds 300] [--server-cpus 0] [--receiver-cpus 1]
 */
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { parseArgs } from 'node:util';
import { WebSocket, WebSocketServer } from 'ws';
import { encodeBinaryFrame } from '../../server/collab/SharedFrame.js';

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'sender' },
    port: { type: 'string' },
    sockets: { type: 'string', default: '300' },
    rounds: { type: 'string', default: '300' },
    'server-cpus': { type: 'string', default: '0' },
    'receiver-cpus': { type: 'string', default: '1' },
  },
});
const SOCKETS = Number(values.sockets);

if (values.role === 'receiver') {
  // Opens the sockets and reads everything, like lite receivers.
  let open = 0;
  for (let i = 0; i < SOCKETS; i += 1) {
    const ws = new WebSocket(`ws://127.0.0.1:${values.port}`);
    ws.on('open', () => (open += 1));
    ws.on('message', () => undefined);
  }
  setInterval(() => undefined, 1000);
} else if (values.role === 'sender-pinned') {
  await send();
} else {
  // Re-run pinned: the sender on the server's core, as the harness pins servers.
  const child = spawn(
    'taskset',
    [
      '-c',
      values['server-cpus'],
      process.execPath,
      '--import',
      'tsx',
      import.meta.filename,
      '--role',
      'sender-pinned',
      '--sockets',
      String(SOCKETS),
      '--rounds',
      values.rounds,
      '--receiver-cpus',
      values['receiver-cpus'],
    ],
    { stdio: 'inherit' },
  );
  await new Promise((resolve) => child.once('exit', resolve));
}

async function send(): Promise<void> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  const sockets: Array<{ ws: WebSocket; socket: Duplex }> = [];
  // The upgrade request's socket is the one ws runs on: the sync server writes its frames to it too.
  wss.on('connection', (ws, request) => sockets.push({ ws, socket: request.socket }));
  await new Promise((resolve) => wss.once('listening', resolve));
  const port = (wss.address() as AddressInfo).port;
  const receiver = spawn(
    'taskset',
    [
      '-c',
      values['receiver-cpus'],
      process.execPath,
      '--import',
      'tsx',
      import.meta.filename,
      '--role',
      'receiver',
      '--port',
      String(port),
      '--sockets',
      String(SOCKETS),
    ],
    { stdio: 'inherit' },
  );
  while (sockets.length < SOCKETS) await new Promise((resolve) => setTimeout(resolve, 50));
  const payload = new Uint8Array(60).fill(7);
  const rounds = Number(values.rounds);
  console.log(
    `frame cost: ${SOCKETS} sockets x ${rounds} rounds, 60-byte frames, one round every 5 ms (sender cpu ${values['server-cpus']}, receiver cpu ${values['receiver-cpus']})`,
  );
  for (const mode of ['ws.send', 'pre-framed', 'ws.send', 'pre-framed']) {
    const cpu0 = process.cpuUsage();
    for (let round = 0; round < rounds; round += 1) {
      if (mode === 'ws.send') for (const { ws } of sockets) ws.send(payload);
      else {
        const frame = encodeBinaryFrame(payload);
        for (const { socket } of sockets) socket.write(frame);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const used = process.cpuUsage(cpu0);
    const frames = rounds * SOCKETS;
    console.log(
      `${mode.padEnd(10)}  user ${(used.user / frames).toFixed(2)} µs + system ${(used.system / frames).toFixed(2)} µs = ${((used.user + used.system) / frames).toFixed(2)} µs per frame (timers included)`,
    );
  }
  receiver.kill('SIGTERM');
  wss.close();
  process.exit(0);
}
