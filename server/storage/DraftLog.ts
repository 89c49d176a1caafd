import type { DraftPaths } from './DraftPaths.js';
import { openLogFile, type OpenedLog, type OpenLogOptions } from './openLogFile.js';
import { encodeRecords, scanRecords } from './RecordCodec.js';
import { SerialQueue } from './SerialQueue.js';
import { readSnapshot, removeStaleSnapshot, writeSnapshot } from './SnapshotFile.js';
import type { StorageFile } from './StorageFile.js';

export interface DraftLogOptions extends OpenLogOptions {
  /** Least time between the starts of two log writes (each one synced write). @default 0 */
  commitIntervalMs?: number;
}

interface PendingAppend {
  update: Uint8Array;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * One draft's files and the single queue every disk operation on them goes through, so at most one
 * write is in flight per draft and load, appends, compaction and release happen in call order.
 *
 * Group commit: appends that arrive while a log write is running wait together in the next batch,
 * which goes out as one write that is durable when it resolves (the log is opened with O_DSYNC, so the
 * write and its fdatasync are one system call; a file without synced writes gets a datasync after it);
 * each append resolves after the write covering it.
 * With `commitIntervalMs`, a batch also waits until that long after the previous write started, so a
 * draft many people type into at once costs at most one fdatasync per interval; a lone append after a
 * quiet spell is written at once.
 */
export class DraftLog {
  private readonly queue = new SerialQueue();
  private file: StorageFile | null = null;
  /** End of the last record known to be written: where the next batch goes, and what a failure cuts back to. */
  private end = 0;
  /** The batch still collecting appends; its flush is already queued. */
  private batch: PendingAppend[] | null = null;
  /** When the last batch write started (performance.now()). */
  private lastCommit = -Infinity;

  constructor(
    private readonly paths: DraftPaths,
    private readonly draftId: string,
    private readonly options: DraftLogOptions,
  ) {}

  /** Bytes in the log; 0 until the log has been opened. */
  get logBytes(): number {
    return this.end;
  }

  /** True when nothing is queued, so the draft can be forgotten. */
  get idle(): boolean {
    return this.queue.idle;
  }

  load(): Promise<Uint8Array[]> {
    return this.queue.run(async () => {
      // The snapshot first: if it is damaged, nothing (not even a torn log tail) is touched.
      const snapshot = await readSnapshot(this.paths);
      const logged = this.file ? scanRecords(await this.file.read(0, this.end)).payloads : (await this.open()).payloads;
      return snapshot ? [snapshot, ...logged] : logged;
    });
  }

  append(update: Uint8Array): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (!this.batch) {
        const batch: PendingAppend[] = [];
        this.batch = batch;
        void this.queue.run(() => this.flush(batch));
      }
      this.batch.push({ update, resolve, reject });
    });
  }

  /**
   * Appends queued before this call are flushed first (the state covers them); the batch is closed so
   * appends after this call land in the log only once it has been reset.
   */
  compact(state: Uint8Array): Promise<void> {
    this.batch = null;
    return this.queue.run(async () => {
      const file = await this.opened();
      await writeSnapshot(this.paths, state, this.options.openFile, this.options.counters);
      // The snapshot is durable: a crash from here on replays the old log on top of it, which Yjs
      // ignores as already applied. So the reset only has to avoid ever leaving a half-truncated log.
      await file.truncate(0);
      this.end = 0;
      await file.datasync();
      this.options.counters.fsyncs += 1;
    });
  }

  /** Flushes what is queued and closes the file; the next operation reopens it. */
  release(): Promise<void> {
    this.batch = null;
    return this.queue.run(() => this.closeFile());
  }

  private async flush(batch: PendingAppend[]): Promise<void> {
    // Appends keep joining this batch while it waits for its turn (compaction or release may close it earlier).
    const wait = this.lastCommit + (this.options.commitIntervalMs ?? 0) - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (this.batch === batch) this.batch = null;
    this.lastCommit = performance.now();
    try {
      const file = await this.opened();
      const bytes = encodeRecords(batch.map((a) => a.update));
      await this.writeAtEnd(file, bytes);
      const { counters } = this.options;
      counters.appends += batch.length;
      counters.logWrites += 1;
      counters.fsyncs += 1;
      counters.bytesWritten += bytes.byteLength;
    } catch (error) {
      for (const append of batch) append.reject(error);
      return;
    }
    for (const append of batch) append.resolve();
  }

  /** Writes and syncs at the end of the last good record; on failure cuts the file back there. */
  private async writeAtEnd(file: StorageFile, bytes: Buffer): Promise<void> {
    try {
      await file.write(bytes, this.end);
      if (!file.syncedWrites) await file.datasync();
    } catch (error) {
      try {
        await file.truncate(this.end);
      } catch {
        // Cannot cut back now: close, and the next open recovers the log by scanning it.
        await this.closeFile().catch(() => undefined);
      }
      throw error;
    }
    this.end += bytes.byteLength;
  }

  private async opened(): Promise<StorageFile> {
    return this.file ?? (await this.open()).file;
  }

  /** Opens and recovers the log; hands back its records so a first load reads the file only once. */
  private async open(): Promise<OpenedLog> {
    await removeStaleSnapshot(this.paths);
    const opened = await openLogFile(this.paths, this.draftId, this.options);
    this.file = opened.file;
    this.end = opened.end;
    return opened;
  }

  private async closeFile(): Promise<void> {
    const file = this.file;
    this.file = null;
    await file?.close();
  }
}
