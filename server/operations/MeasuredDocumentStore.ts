import type { Histogram } from 'prom-client';
import type { ClientIdOwner } from '../storage/DocumentStore.js';
import type { ServedDocumentStore } from '../storage/openStores.js';

/**
 * The document store with each append's time to durable recorded in `commitSeconds` (metrics). Every other
 * call goes to the store as it is.
 */
export class MeasuredDocumentStore implements ServedDocumentStore {
  /**
   * Only when the store has it: its presence is what tells the room storage that other processes may seed
   * the same draft (DocumentStore.appendFirst).
   */
  readonly appendFirst?: (draftId: string, update: Uint8Array) => Promise<boolean>;

  constructor(
    private readonly store: ServedDocumentStore,
    private readonly commitSeconds: Histogram,
  ) {
    if (store.appendFirst) this.appendFirst = store.appendFirst.bind(store);
  }

  /** Observed only once durable: a failed append records no time and rejects as the store's did. */
  async append(draftId: string, update: Uint8Array): Promise<void> {
    const stop = this.commitSeconds.startTimer();
    await this.store.append(draftId, update);
    stop();
  }

  load(draftId: string): Promise<Uint8Array[]> {
    return this.store.load(draftId);
  }

  compact(draftId: string, state: Uint8Array): Promise<void> {
    return this.store.compact(draftId, state);
  }

  logSize(draftId: string): number {
    return this.store.logSize(draftId);
  }

  release(draftId: string): Promise<void> {
    return this.store.release(draftId);
  }

  loadClientIdOwners(draftId: string): Promise<ClientIdOwner[]> {
    return this.store.loadClientIdOwners(draftId);
  }

  addClientIdOwners(draftId: string, owners: readonly ClientIdOwner[]): Promise<void> {
    return this.store.addClientIdOwners(draftId, owners);
  }

  close(): Promise<void> {
    return this.store.close();
  }

  stats(): object {
    return this.store.stats();
  }
}
