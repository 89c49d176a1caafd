import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fsyncDir } from './AtomicJsonFile.js';
import { countIntactAfterFault, scanRecords, type RecordScan } from './RecordCodec.js';
import type { StoreCounters } from './StoreCounters.js';
import type { OpenStorageFile, StorageFile } from './StorageFile.js';

export interface OpenedLog {
  file: StorageFile;
  /** The intact records found in the log, in order. */
  payloads: Uint8Array[];
  /** Length of the log after recovery: where the next record goes. */
  end: number;
}

export interface OpenLogOptions {
  openFile: OpenStorageFile;
  counters: StoreCounters;
  /** Receives a line whenever bytes are dropped from a log. */
  warn: (message: string) => void;
}

/** An append-only record file of one draft: the folder it lives in and its path. */
export interface LogFilePaths {
  dir: string;
  log: string;
}

/**
 * Opens (creating when needed) one of a draft's append-only record files (its update log, its client id
 * owners) and recovers it: whatever follows the last intact record (a torn tail from a crash, or damage)
 * is cut off so new records are never appended after garbage. When intact records follow the damage it
 * was not a torn write: those bytes are copied to a `<file>.damaged-<time>` file first, so nothing that
 * was once saved is destroyed.
 */
export async function openLogFile(paths: LogFilePaths, draftId: string, options: OpenLogOptions): Promise<OpenedLog> {
  const file = await openOrCreate(paths, options);
  try {
    const data = await file.read(0, await file.size());
    const scan = scanRecords(data);
    if (scan.fault) await cutBack(file, data, scan, paths, draftId, options);
    return { file, payloads: scan.payloads, end: scan.goodEnd };
  } catch (error) {
    await file.close().catch(() => undefined);
    throw error;
  }
}

async function openOrCreate(paths: LogFilePaths, { openFile, counters }: OpenLogOptions): Promise<StorageFile> {
  try {
    return await openFile(paths.log, { create: false, syncedWrites: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const createdFrom = await mkdir(paths.dir, { recursive: true, mode: 0o700 });
  const file = await openFile(paths.log, { create: true, syncedWrites: true });
  // New directory entries are durable only once their parent folder is fsync'd.
  const folders = createdFrom ? [path.dirname(path.dirname(paths.dir)), path.dirname(paths.dir), paths.dir] : [paths.dir];
  for (const folder of folders) {
    await fsyncDir(folder);
    counters.fsyncs += 1;
  }
  return file;
}

async function cutBack(
  file: StorageFile,
  data: Buffer,
  scan: RecordScan,
  paths: LogFilePaths,
  draftId: string,
  { openFile, counters, warn }: OpenLogOptions,
): Promise<void> {
  const { fault, goodEnd } = scan;
  if (!fault) return;
  const dropped = data.byteLength - goodEnd;
  const intactAfter = countIntactAfterFault(data, fault);
  if (intactAfter > 0) {
    const keep = `${paths.log}.damaged-${Date.now()}`;
    const copy = await openFile(keep, { create: true });
    try {
      await copy.write(data.subarray(goodEnd), 0);
      await copy.datasync();
      counters.fsyncs += 1;
    } finally {
      await copy.close();
    }
    await fsyncDir(paths.dir);
    counters.fsyncs += 1;
    warn(
      `[storage] draft ${draftId}: ${path.basename(paths.log)} damaged at byte ${fault.offset} (${fault.reason}) with ${intactAfter} intact ` +
        `record(s) after it; dropped ${dropped} bytes from it, kept a copy in ${keep}`,
    );
  } else {
    warn(
      `[storage] draft ${draftId}: cut back a torn tail of ${path.basename(paths.log)} at byte ${fault.offset} (${fault.reason}), dropped ${dropped} bytes`,
    );
  }
  await file.truncate(goodEnd);
  await file.datasync();
  counters.fsyncs += 1;
}
