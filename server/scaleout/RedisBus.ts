import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Log } from '../log.js';

/** A message on one of the bus's topics, with the process that sent it. */
type Handler = (payload: Buffer) => void;

/**
 * Redis publish/subscribe between the server processes that share one database: topics (`updates`,
 * `events`, `presence` …) on channels under one prefix, each message tagged with its sending process, which
 * never hears its own. Two connections (Redis gives a subscribing connection over to subscriptions). Nothing
 * here is durable or relied on for correctness: a message lost while Redis is away is made good from the
 * database (DraftSync), presence is renewed every few seconds, and events only hurry pages along.
 * Publishing while Redis is unreachable fails at once (no queue building up) and is counted.
 */
export class RedisBus {
  /** This process, as the other processes see it on the bus. */
  readonly processId = randomBytes(8).toString('hex');
  readonly counters = { published: 0, received: 0, publishFailures: 0 };
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, Handler[]>();
  private readonly prefix: string;

  constructor(
    url: string,
    private readonly log: Log,
    options: { channelPrefix?: string } = {},
  ) {
    this.prefix = options.channelPrefix ?? 'coc:';
    const common = { lazyConnect: false, maxRetriesPerRequest: 1, retryStrategy: (times: number) => Math.min(times * 200, 2000) };
    this.publisher = new Redis(url, { ...common, enableOfflineQueue: false, connectionName: `coc-pub-${this.processId}` });
    this.subscriber = new Redis(url, { ...common, connectionName: `coc-sub-${this.processId}` });
    for (const [name, connection] of [
      ['publisher', this.publisher],
      ['subscriber', this.subscriber],
    ] as const) {
      // ioredis reconnects by itself; an error event without a listener would crash the process.
      connection.on('error', (error: Error) => this.log.warn(`Redis ${name} connection: ${error.message}`));
    }
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.deliver(channel.toString(), message));
  }

  /** Subscribes to a topic (once per topic and handler, before or after connecting). */
  async subscribe(topic: string, handler: Handler): Promise<void> {
    const list = this.handlers.get(topic) ?? [];
    list.push(handler);
    this.handlers.set(topic, list);
    if (list.length === 1) await this.subscriber.subscribe(this.prefix + topic);
  }

  /** Publishes to a topic; never throws (a failure is counted and logged at most once a second). */
  publish(topic: string, payload: Uint8Array): void {
    const tagged = Buffer.concat([Buffer.from(this.processId, 'hex'), payload]);
    this.publisher.publish(this.prefix + topic, tagged).then(
      () => (this.counters.published += 1),
      (error: unknown) => this.failed(error),
    );
  }

  /**
   * Runs a Lua script on Redis, atomically (nothing else runs on Redis meanwhile): what the processes must
   * agree on, such as the sign-in limits' counts. On the publishing connection, so it fails at once while
   * Redis is unreachable instead of queueing; while a connection is being made (just after start) it waits
   * for it to be ready or to fail first. `keys` are names from `key()`.
   */
  async runScript(script: string, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown> {
    await this.connectionSettled();
    return this.publisher.eval(script, keys.length, ...keys, ...args);
  }

  private connecting: Promise<void> | null = null;

  /** Resolves at once unless the publishing connection is being made; then once it is ready or has failed. */
  private connectionSettled(): Promise<void> {
    const status = this.publisher.status;
    if (status !== 'connecting' && status !== 'connect') return Promise.resolve();
    this.connecting ??= new Promise<void>((resolve) => {
      const settled = () => {
        this.publisher.off('ready', settled);
        this.publisher.off('close', settled);
        this.connecting = null;
        resolve();
      };
      this.publisher.on('ready', settled);
      this.publisher.on('close', settled);
    });
    return this.connecting;
  }

  /** The Redis key `name` under this bus's prefix, so processes of other workspaces on the same Redis keep apart. */
  key(name: string): string {
    return this.prefix + name;
  }

  /** Resolves when Redis answers a PING (readiness); rejects otherwise. */
  async ping(): Promise<void> {
    await this.publisher.ping();
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
    this.publisher.disconnect();
    await Promise.resolve();
  }

  private lastFailureLog = 0;

  private failed(error: unknown): void {
    this.counters.publishFailures += 1;
    if (Date.now() - this.lastFailureLog < 1000) return;
    this.lastFailureLog = Date.now();
    this.log.warn('publishing to Redis failed (the other processes catch up from the database)', {
      error: (error as Error).message,
    });
  }

  private deliver(channel: string, message: Buffer): void {
    if (!channel.startsWith(this.prefix) || message.byteLength < 8) return;
    if (message.subarray(0, 8).toString('hex') === this.processId) return;
    const handlers = this.handlers.get(channel.slice(this.prefix.length));
    if (!handlers) return;
    this.counters.received += 1;
    const payload = message.subarray(8);
    for (const handler of handlers) {
      try {
        handler(payload);
      } catch (error) {
        this.log.error('a Redis message handler failed', { channel, error: (error as Error).message });
      }
    }
  }
}
