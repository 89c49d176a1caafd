import { DraftEvent } from '../../shared/api/events.js';
import { isId } from '../../shared/ids.js';
import { LocalDraftEventBus, type DraftEventBus } from '../domain/DraftEventBus.js';
import type { Log } from '../log.js';
import type { RedisBus } from './RedisBus.js';

/** The bus topic draft events travel on between processes. */
export const EVENTS_TOPIC = 'events';

/** What the event bus needs of the Redis bus (a fake in unit tests). */
export type EventTransport = Pick<RedisBus, 'publish' | 'subscribe'>;

/** One event on the wire: the draft it is about and the event itself (shared/api/events.ts), as JSON. */
interface WireEvent {
  draftId: string;
  event: DraftEvent;
}

/**
 * The draft event bus of a process that shares its database with others: every event is delivered to
 * this process's listeners at once, as LocalDraftEventBus does, and published on the Redis bus; events
 * published by the other processes are delivered to this process's listeners (draft and workspace ones,
 * the in-process subscribers such as the amendments extension too). The Redis bus never hands a process
 * its own messages, so nothing is delivered twice. Like every message on the bus, an event lost while
 * Redis is away is not replayed: pages catch up when they reload, as after a dropped stream. Messages
 * that do not decode as an event (another version's, or garbage) are dropped and logged.
 */
export class RedisDraftEventBus implements DraftEventBus {
  private readonly local = new LocalDraftEventBus();
  private lastDropLog = 0;

  constructor(
    private readonly transport: EventTransport,
    private readonly log: Log,
  ) {
    // Not awaited, as the document fan-out's: with Redis away at start the process serves its own events.
    transport
      .subscribe(EVENTS_TOPIC, (payload) => this.received(payload))
      .catch((error: unknown) => log.warn('subscribing to draft events on Redis failed', { error: (error as Error).message }));
  }

  publish(draftId: string, event: DraftEvent): void {
    this.local.publish(draftId, event);
    const wire: WireEvent = { draftId, event };
    this.transport.publish(EVENTS_TOPIC, Buffer.from(JSON.stringify(wire)));
  }

  subscribe(draftId: string, listener: (event: DraftEvent) => void): () => void {
    return this.local.subscribe(draftId, listener);
  }

  subscribeAll(listener: (draftId: string, event: DraftEvent) => void): () => void {
    return this.local.subscribeAll(listener);
  }

  /** Number of drafts with at least one listener in this process (for tests and metrics). */
  get activeDrafts(): number {
    return this.local.activeDrafts;
  }

  /** An event from another process: delivered here when it decodes, dropped otherwise. */
  private received(payload: Buffer): void {
    const wire = decodeWireEvent(payload);
    if (wire) this.local.publish(wire.draftId, wire.event);
    else this.dropped(payload.byteLength);
  }

  private dropped(bytes: number): void {
    if (Date.now() - this.lastDropLog < 10_000) return;
    this.lastDropLog = Date.now();
    this.log.warn('dropped a draft event from another process that does not decode', { bytes });
  }
}

/** Decodes an event message from the bus; null when it is not JSON of a draft id and a valid DraftEvent. */
export function decodeWireEvent(payload: Uint8Array): WireEvent | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { draftId, event } = parsed as Record<string, unknown>;
  if (!isId(draftId)) return null;
  const decoded = DraftEvent.safeParse(event);
  return decoded.success ? { draftId, event: decoded.data } : null;
}
