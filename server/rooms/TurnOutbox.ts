import * as Y from 'yjs';

/** An accepted change on its way out: the update, who sent it, and the transactions that made it. */
export interface OutgoingUpdate {
  update: Uint8Array;
  /** The RoomClient that sent it (it has it already), or a symbol for changes everyone must receive. */
  origin: unknown;
  transactions: readonly Y.Transaction[];
}

/**
 * Collects a room's accepted changes and hands them on together. In a busy room (a batch went out less
 * than `quietMs` ago) the changes accepted during one event-loop turn go out at its end as one batch; in a
 * quiet room a change goes out at once, as nothing is likely to join it. Under load this turns many small
 * sends and disk writes into few; with light traffic nothing waits beyond the end of the turn.
 */
export class TurnOutbox {
  private pending: OutgoingUpdate[] = [];
  private lastSent = -Infinity;
  private scheduled: NodeJS.Immediate | null = null;

  /**
   * @param send takes a batch (in acceptance order) and the batch's updates merged into one
   * @param quietMs a room that sent nothing for longer than this sends the next change at once (Infinity: never) @default 20
   */
  constructor(
    private readonly send: (batch: readonly OutgoingUpdate[], merged: Uint8Array) => void,
    private readonly quietMs = 20,
  ) {}

  /** Changes waiting for the end of the turn. */
  get size(): number {
    return this.pending.length;
  }

  add(change: OutgoingUpdate): void {
    this.pending.push(change);
    if (this.pending.length === 1 && performance.now() - this.lastSent > this.quietMs) return this.flush();
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Hands on what is pending now (the end of the turn does it otherwise). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    this.lastSent = performance.now();
    this.send(batch, batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((change) => change.update)));
  }

  /** Drops what is pending (the room is leaving memory). */
  dispose(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    this.pending = [];
  }
}
