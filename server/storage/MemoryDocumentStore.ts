import type { ClientIdOwner, DocumentStore } from './DocumentStore.js';
import { emptyCounters, type StoreCounters } from './StoreCounters.js';
import { StoreClosedError } from './StoreClosedError.js';

interface MemoryDraft {
  updates: Uint8Array[];
  logBytes: number;
  owners: ClientIdOwner[];
}

/**
 * A DocumentStore that keeps everything in memory, for unit tests of the modules above it and for the
 * benchmark's measure of what durability costs (test/bench/memoryStoreServer.ts), never for users. It follows
 * the same contract as FileDocumentStore (see test/unit/storage/documentStoreContract.ts) except that
 * nothing survives the process. logSize counts payload bytes only (the file store adds 8 per record).
 * Updates are copied in and out, so callers may reuse their buffers.
 */
export class MemoryDocumentStore implements DocumentStore {
  private readonly drafts = new Map<string, MemoryDraft>();
  private closed = false;
  private readonly totals = emptyCounters();

  async load(draftId: string): Promise<Uint8Array[]> {
    this.assertOpen();
    return (this.drafts.get(draftId)?.updates ?? []).map((u) => u.slice());
  }

  async append(draftId: string, update: Uint8Array): Promise<void> {
    this.assertOpen();
    const draft = this.draft(draftId);
    draft.updates.push(update.slice());
    draft.logBytes += update.byteLength;
    this.totals.appends += 1;
  }

  async compact(draftId: string, state: Uint8Array): Promise<void> {
    this.assertOpen();
    const draft = this.draft(draftId);
    draft.updates = [state.slice()];
    draft.logBytes = 0;
  }

  async loadClientIdOwners(draftId: string): Promise<ClientIdOwner[]> {
    this.assertOpen();
    return (this.drafts.get(draftId)?.owners ?? []).map((owner) => ({ ...owner }));
  }

  async addClientIdOwners(draftId: string, owners: readonly ClientIdOwner[]): Promise<void> {
    this.assertOpen();
    this.draft(draftId).owners.push(...owners.map((owner) => ({ ...owner })));
  }

  logSize(draftId: string): number {
    return this.drafts.get(draftId)?.logBytes ?? 0;
  }

  /** Appends so far (nothing is written or synced); openDrafts is 0, as nothing holds files. */
  stats(): StoreCounters & { openDrafts: number } {
    return { ...this.totals, openDrafts: 0 };
  }

  /** Nothing to release: memory is the storage here. */
  async release(): Promise<void> {}

  async close(): Promise<void> {
    this.closed = true;
  }

  private draft(draftId: string): MemoryDraft {
    let draft = this.drafts.get(draftId);
    if (!draft) {
      draft = { updates: [], logBytes: 0, owners: [] };
      this.drafts.set(draftId, draft);
    }
    return draft;
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }
}
