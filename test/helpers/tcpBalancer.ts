import net from 'node:net';
import { registerTeardown } from './teardown.js';

export interface TcpBalancer {
  port: number;
  /** Backends connections go to, round robin; a backend that refuses is skipped for the next one. */
  setBackends(ports: readonly number[]): void;
  /** Connections relayed so far. */
  readonly relayed: number;
  close(): Promise<void>;
}

/**
 * A small TCP load balancer for tests, like HAProxy in TCP mode: each connection goes to the next backend
 * in turn, no stickiness; when a backend dies its connections break (the clients reconnect, and land on the
 * others). Closed at the end of the test (or file).
 */
export async function tcpBalancer(): Promise<TcpBalancer> {
  let backends: number[] = [];
  let next = 0;
  let relayed = 0;
  const sockets = new Set<net.Socket>();
  const connect = (client: net.Socket, attempt: number) => {
    if (backends.length === 0 || attempt >= backends.length) return client.destroy();
    const port = backends[next++ % backends.length]!;
    const upstream = net.connect(port, '127.0.0.1');
    sockets.add(upstream);
    let opened = false;
    upstream.once('connect', () => {
      opened = true;
      relayed += 1;
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
    upstream.on('error', () => {
      if (!opened) return connect(client, attempt + 1);
      client.destroy();
    });
    upstream.on('close', () => {
      sockets.delete(upstream);
      if (opened) client.destroy();
    });
    client.on('close', () => upstream.destroy());
    client.on('error', () => upstream.destroy());
  };
  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    connect(client, 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const balancer: TcpBalancer = {
    port: (server.address() as net.AddressInfo).port,
    setBackends(ports) {
      backends = [...ports];
    },
    get relayed() {
      return relayed;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  registerTeardown(() => balancer.close());
  return balancer;
}
