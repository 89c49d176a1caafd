import type { ClientIdOwner, DocumentStore } from '../storage/DocumentStore.js';
import type { SeqTracker } from './SeqTracker.js';

/** One committed update with its number in the draft's log. */
export interface SeqUpdate {
  seq: number;
  update: Uint8Array;
}

/** A document store whose log numbers each draft's updates without gaps, shared by every process (PgDocumentStore). */
export interface SequencedDocumentStore extends DocumentStore {
  appendWithSeq(draftId: string, update: Uint8Array): Promise<number>;
  /** Stores a new draft's seed as update 1 unless its log exists already (false: nothing written). */
  appendFirst(draftId: string, update: Uint8Array): Promise<boolean>;
  /** The snapshot (numbered with the last update it covers) when it covers updates after `afterSeq`, then the updates after. */
  loadSince(draftId: string, afterSeq: number): Promise<SeqUpdate[]>;
  /** As loadSince, without opening the draft in the store (a catch-up read that may race the draft's release). */
  readSince(draftId: string, afterSeq: number): Promise<SeqUpdate[]>;
  headSeq(draftId: string): Promise<number>;
  compact(draftId: string, state: Uint8Array, coversSeq?: number): Promise<void>;
  stats(): object;
}

/** Hears each update this process committed, with its number (the fan-out publishes it to the other processes). */
export type CommittedListener = (draftId: string, seq: number, update: Uint8Array) => void;

/**
 * The document store as the rooms of one process among several use it: a SequencedDocumentStore whose
 * loads and appends keep the SeqTracker current (which numbered updates the live document holds) and
 * announce each commit (`onCommitted`: the fan-out), and whose compactions cover exactly what the live
 * document is known to hold (the tracker's prefix) — never an update of another process it has not applied
 * yet, which a snapshot of it would lose.
 */
export class SharedDocumentStore implements DocumentStore {
  private committedListener: CommittedListener = () => undefined;
  private loadedListener: (draftId: string) => void = () => undefined;

  constructor(
    readonly inner: SequencedDocumentStore,
    readonly tracker: SeqTracker,
  ) {}

  /** Sets who hears of each commit (one listener: the fan-out). */
  onCommitted(listener: CommittedListener): void {
    this.committedListener = listener;
  }

  /** Sets who hears that a draft was loaded (the sync: others may have committed while it loaded). */
  onLoaded(listener: (draftId: string) => void): void {
    this.loadedListener = listener;
  }

  async load(draftId: string): Promise<Uint8Array[]> {
    const rows = await this.inner.loadSince(draftId, 0);
    this.tracker.loaded(
      draftId,
      rows.reduce((max, row) => Math.max(max, row.seq), 0),
    );
    this.loadedListener(draftId);
    return rows.map((row) => row.update);
  }

  /** A new draft's seed, stored only if no other process stored one first (DocumentStore.appendFirst). */
  async appendFirst(draftId: string, update: Uint8Array): Promise<boolean> {
    const stored = await this.inner.appendFirst(draftId, update);
    if (stored) {
      this.tracker.mark(draftId, 1);
      this.committedListener(draftId, 1, update);
    }
    return stored;
  }

  async append(draftId: string, update: Uint8Array): Promise<void> {
    const seq = await this.inner.appendWithSeq(draftId, update);
    this.tracker.mark(draftId, seq);
    this.committedListener(draftId, seq, update);
  }

  compact(draftId: string, state: Uint8Array): Promise<void> {
    // Read now, with `state`: the snapshot holds every update up to the prefix (and maybe more).
    const covers = this.tracker.prefix(draftId);
    if (!this.tracker.tracks(draftId) || covers === 0) return Promise.resolve();
    return this.inner.compact(draftId, state, covers);
  }

  logSize(draftId: string): number {
    return this.inner.logSize(draftId);
  }

  async release(draftId: string): Promise<void> {
    await this.inner.release(draftId);
    this.tracker.forget(draftId);
  }

  loadClientIdOwners(draftId: string): Promise<ClientIdOwner[]> {
    return this.inner.loadClientIdOwners(draftId);
  }

  addClientIdOwners(draftId: string, owners: readonly ClientIdOwner[]): Promise<void> {
    return this.inner.addClientIdOwners(draftId, owners);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  stats(): object {
    return this.inner.stats();
  }
}
