import { readFile, rename, rm } from 'node:fs/promises';
import { fsyncDir } from './AtomicJsonFile.js';
import type { DraftPaths } from './DraftPaths.js';
import { encodeRecords, scanRecords } from './RecordCodec.js';
import type { StoreCounters } from './StoreCounters.js';
import type { OpenStorageFile } from './StorageFile.js';

/**
 * Thrown when a draft's snapshot exists but is not one intact record. Loading stops instead of
 * serving the draft as empty, which would let the next compaction overwrite what is left of it.
 */
export class CorruptSnapshotError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(
      `The document snapshot ${file} is damaged (${detail}). The draft is not loaded, so nothing is overwritten. ` +
        'Restore the file from a backup or move the draft folder aside.',
    );
    this.name = 'CorruptSnapshotError';
  }
}

/** The snapshot's full-state update, or null when the draft has never been compacted. */
export async function readSnapshot(paths: DraftPaths): Promise<Uint8Array | null> {
  let data: Buffer;
  try {
    data = await readFile(paths.snapshot);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const scan = scanRecords(data);
  if (scan.fault) throw new CorruptSnapshotError(paths.snapshot, `${scan.fault.reason} at byte ${scan.fault.offset}`);
  const [state, ...extra] = scan.payloads;
  if (!state || extra.length > 0) throw new CorruptSnapshotError(paths.snapshot, `${scan.payloads.length} records instead of 1`);
  return state;
}

/**
 * Replaces the snapshot so a crash at any moment leaves the old one or the new one: write a temporary
 * file, fdatasync, rename over the snapshot, fsync the folder so the rename itself is durable.
 */
export async function writeSnapshot(
  paths: DraftPaths,
  state: Uint8Array,
  openFile: OpenStorageFile,
  counters: StoreCounters,
): Promise<void> {
  const bytes = encodeRecords([state]);
  try {
    const file = await openFile(paths.snapshotTmp, { create: true });
    try {
      await file.truncate(0);
      await file.write(bytes, 0);
      counters.bytesWritten += bytes.byteLength;
      await file.datasync();
      counters.fsyncs += 1;
    } finally {
      await file.close();
    }
    await rename(paths.snapshotTmp, paths.snapshot);
  } catch (error) {
    await rm(paths.snapshotTmp, { force: true }).catch(() => undefined);
    throw error;
  }
  await fsyncDir(paths.dir);
  counters.fsyncs += 1;
}

/** Removes a temporary snapshot left by a crash mid-compaction; the log still holds everything it had. */
export async function removeStaleSnapshot(paths: DraftPaths): Promise<void> {
  await rm(paths.snapshotTmp, { force: true });
}
