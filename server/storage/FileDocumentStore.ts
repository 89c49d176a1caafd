import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ClientIdOwnerLog } from './ClientIdOwnerLog.js';
import type { ClientIdOwner, DocumentStore } from './DocumentStore.js';
import { DraftLog } from './DraftLog.js';
import { DOCS_DIR, draftPaths } from './DraftPaths.js';
import { StoreClosedError } from './StoreClosedError.js';
import { emptyCounters, type StoreCounters } from './StoreCounters.js';
import { openStorageFile, type OpenStorageFile } from './StorageFile.js';

export interface FileDocumentStoreOptions {
  /** Receives a line whenever a torn or damaged log tail is cut back. @default console.warn */
  warn?: (message: string) => void;
  /** How files are opened; tests pass one that fails on demand. @default openStorageFile (node:fs) */
  openFile?: OpenStorageFile;
  /**
   * Least time between two grouped log writes of one draft (each one synced write). Appends
   * arriving meanwhile share the next write; an append to a quiet draft is written at once. The server
   * uses BUSY_DRAFT_COMMIT_INTERVAL_MS; a caller that awaits each append before the next would be held
   * to one append per interval, hence no pause by default. @default 0
   */
  commitIntervalMs?: number;
}

/**
 * The server's commit interval: a draft being typed into costs at most 2 synced log writes per second
 * (each about 0.1 ms of CPU and 0.3-0.5 ms of disk wait on the benchmark machine) instead of one per
 * keystroke; an edit to a draft nobody typed into for this long is written at once. Only the "saved"
 * notice waits (at most this long plus the write): what other clients see goes out before any write,
 * and a client keeps and re-sends whatever was not reported saved, so nothing typed depends on it.
 * Measured (`npm run bench -- --scenarios S2`, 100 drafts each typed into 5 times a second): 50 ms gave
 * 530 fsyncs/s, 73 µs of server CPU per delivered update and latency p99 2.99 ms; 500 ms gives 238
 * fsyncs/s, 60 µs and 2.72 ms, which is where the same server with no disk writes at all stands (2.70).
 */
export const BUSY_DRAFT_COMMIT_INTERVAL_MS = 500;

/** The files of one open draft. */
interface OpenDraft {
  log: DraftLog;
  owners: ClientIdOwnerLog;
}

/**
 * Yjs documents on the local disk: DATA_DIR/docs/<draftId>/snapshot.bin (last compacted state),
 * log.bin (checksummed updates since, appended with group commit) and clients.bin (client id owners).
 * See DraftLog for the write path, openLogFile for crash recovery and SnapshotFile for compaction.
 */
export class FileDocumentStore implements DocumentStore {
  private readonly drafts = new Map<string, OpenDraft>();
  private readonly totals: StoreCounters = emptyCounters();
  private closed = false;

  private constructor(
    private readonly dataDir: string,
    private readonly options: Required<FileDocumentStoreOptions>,
  ) {}

  /** Opens the store under `dataDir`, creating DATA_DIR/docs when missing. */
  static async open(dataDir: string, options: FileDocumentStoreOptions = {}): Promise<FileDocumentStore> {
    await mkdir(path.join(dataDir, DOCS_DIR), { recursive: true, mode: 0o700 });
    return new FileDocumentStore(dataDir, {
      warn: options.warn ?? ((message) => console.warn(message)),
      openFile: options.openFile ?? openStorageFile,
      commitIntervalMs: options.commitIntervalMs ?? 0,
    });
  }

  load(draftId: string): Promise<Uint8Array[]> {
    return this.withDraft(draftId, ({ log }) => log.load());
  }

  append(draftId: string, update: Uint8Array): Promise<void> {
    return this.withDraft(draftId, ({ log }) => log.append(update));
  }

  compact(draftId: string, state: Uint8Array): Promise<void> {
    return this.withDraft(draftId, ({ log }) => log.compact(state));
  }

  loadClientIdOwners(draftId: string): Promise<ClientIdOwner[]> {
    return this.withDraft(draftId, ({ owners }) => owners.load());
  }

  addClientIdOwners(draftId: string, owners: readonly ClientIdOwner[]): Promise<void> {
    return this.withDraft(draftId, (draft) => draft.owners.append(owners));
  }

  logSize(draftId: string): number {
    return this.drafts.get(draftId)?.log.logBytes ?? 0;
  }

  async release(draftId: string): Promise<void> {
    const draft = this.drafts.get(draftId);
    if (!draft) return;
    await Promise.all([draft.log.release(), draft.owners.release()]);
    // Calls made while the release was queued keep the draft open; the last release forgets it.
    if (draft.log.idle && draft.owners.idle && this.drafts.get(draftId) === draft) this.drafts.delete(draftId);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.drafts.keys()].map((id) => this.release(id)));
  }

  /** Disk work done so far (a copy), and how many drafts hold open files. */
  stats(): StoreCounters & { openDrafts: number } {
    return { ...this.totals, openDrafts: this.drafts.size };
  }

  private withDraft<T>(draftId: string, operation: (draft: OpenDraft) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    let draft = this.drafts.get(draftId);
    if (!draft) {
      let paths;
      try {
        paths = draftPaths(this.dataDir, draftId);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      const options = { ...this.options, counters: this.totals };
      draft = { log: new DraftLog(paths, draftId, options), owners: new ClientIdOwnerLog(paths, draftId, options) };
      this.drafts.set(draftId, draft);
    }
    return operation(draft);
  }
}
