import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { ClientIdOwner } from './DocumentStore.js';
import type { DraftPaths } from './DraftPaths.js';
import { openLogFile, type OpenLogOptions } from './openLogFile.js';
import { encodeRecords, scanRecords } from './RecordCodec.js';
import { SerialQueue } from './SerialQueue.js';
import type { StorageFile } from './StorageFile.js';

interface PendingOwners {
  owners: readonly ClientIdOwner[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * One draft's `clients.bin`: which member each Yjs client id writing into the draft belongs to, one
 * checksummed record per owner (RecordCodec; payload: varUint client id, varString member id). Append
 * only and never compacted: an id keeps its owner for as long as the draft exists. Appends are written
 * at once, apart from the update log's commits (the sync server waits for them before it applies the
 * first update written with a new id), and those arriving while a write runs go together in the next one:
 * three hundred pages reconnecting at once cost a few synced writes, not three hundred.
 */
export class ClientIdOwnerLog {
  private readonly queue = new SerialQueue();
  private file: StorageFile | null = null;
  private end = 0;
  /** Owners waiting for the next write, with the callers to tell. */
  private batch: PendingOwners[] | null = null;

  constructor(
    private readonly paths: DraftPaths,
    private readonly draftId: string,
    private readonly options: OpenLogOptions,
  ) {}

  /** True when nothing is queued. */
  get idle(): boolean {
    return this.queue.idle;
  }

  /** Every owner recorded, oldest first. Rejects when an intact record does not decode (never guesses). */
  load(): Promise<ClientIdOwner[]> {
    return this.queue.run(async () => {
      const payloads = this.file ? scanRecords(await this.file.read(0, this.end)).payloads : await this.open();
      return payloads.map((payload) => decodeOwner(payload, this.paths.clients));
    });
  }

  /** Appends owners; resolves once they are on disk (in one synced write with any appended meanwhile). */
  append(owners: readonly ClientIdOwner[]): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.batch) {
        const batch: PendingOwners[] = [];
        this.batch = batch;
        void this.queue.run(() => this.write(batch));
      }
      this.batch.push({ owners, resolve, reject });
    });
  }

  private async write(batch: PendingOwners[]): Promise<void> {
    if (this.batch === batch) this.batch = null;
    try {
      if (!this.file) await this.open();
      const bytes = encodeRecords(batch.flatMap((b) => b.owners).map(encodeOwner));
      try {
        await this.file!.write(bytes, this.end);
        if (!this.file!.syncedWrites) await this.file!.datasync();
      } catch (error) {
        // The next operation reopens the file, and opening cuts off whatever part of this write landed.
        await this.close();
        throw error;
      }
      this.end += bytes.byteLength;
      this.options.counters.fsyncs += 1;
      this.options.counters.bytesWritten += bytes.byteLength;
    } catch (error) {
      for (const waiter of batch) waiter.reject(error);
      return;
    }
    for (const waiter of batch) waiter.resolve();
  }

  /** Closes the file once everything queued is done; the next operation reopens it. */
  release(): Promise<void> {
    this.batch = null;
    return this.queue.run(() => this.close());
  }

  private async open(): Promise<Uint8Array[]> {
    const opened = await openLogFile({ dir: this.paths.dir, log: this.paths.clients }, this.draftId, this.options);
    this.file = opened.file;
    this.end = opened.end;
    return opened.payloads;
  }

  private async close(): Promise<void> {
    const file = this.file;
    this.file = null;
    await file?.close().catch(() => undefined);
  }
}

function encodeOwner(owner: ClientIdOwner): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, owner.clientId);
  encoding.writeVarString(encoder, owner.memberId);
  return encoding.toUint8Array(encoder);
}

function decodeOwner(payload: Uint8Array, file: string): ClientIdOwner {
  try {
    const decoder = decoding.createDecoder(payload);
    const owner = { clientId: decoding.readVarUint(decoder), memberId: decoding.readVarString(decoder) };
    if (decoding.hasContent(decoder) || owner.memberId === '') throw new Error('unexpected bytes');
    return owner;
  } catch (error) {
    throw new Error(`A record of ${file} is intact but unreadable (${(error as Error).message}); the draft is not loaded.`);
  }
}
