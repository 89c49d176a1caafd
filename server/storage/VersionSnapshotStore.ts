import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { isId } from '../../shared/ids.js';
import { fsyncDir } from './AtomicJsonFile.js';
import { sha256Hex } from './sha256Hex.js';

/** Folder under DATA_DIR that holds one sub-folder per draft with its versions' snapshots. */
export const VERSIONS_DIR = 'versions';

/** Thrown when a snapshot file is missing or its bytes do not match the checksum kept in its record. */
export class SnapshotUnreadableError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`The version snapshot ${file} cannot be used: ${reason}`);
    this.name = 'SnapshotUnreadableError';
  }
}

/**
 * Where the document state saved with each version lives (VersionSnapshotStore on disk,
 * PgVersionSnapshotStore in PostgreSQL): written once, read back against the sha256 its record keeps.
 */
export interface VersionSnapshots {
  /** Writes a new snapshot and resolves once it is durable; returns the sha256 (hex) of its bytes. */
  write(draftId: string, versionId: string, bytes: Uint8Array): Promise<string>;
  /** Reads a snapshot back; throws SnapshotUnreadableError when it is missing or does not match `expectedSha256`. */
  read(draftId: string, versionId: string, expectedSha256: string): Promise<Uint8Array>;
  /** Deletes a snapshot (an unpublished version deleted, or a write whose record could not be saved); a missing one is fine. */
  delete(draftId: string, versionId: string): Promise<void>;
}

/**
 * The document state of each saved version, one file per version: DATA_DIR/versions/<draftId>/<versionId>.bin,
 * holding Y.encodeStateAsUpdate of the document at that moment. Files are written once, durably (temporary
 * file, fsync, rename, fsync of the folder), and never rewritten; only unpublished versions are ever deleted.
 */
export class VersionSnapshotStore implements VersionSnapshots {
  constructor(private readonly dataDir: string) {}

  /** The snapshot's file. Ids are checked against the strict pattern first, so no id can become `..` or a slash. */
  file(draftId: string, versionId: string): string {
    if (!isId(draftId) || !isId(versionId)) {
      throw new Error(`Refusing to build a version path from invalid ids: ${JSON.stringify([draftId, versionId])}`);
    }
    return path.join(this.dataDir, VERSIONS_DIR, draftId, `${versionId}.bin`);
  }

  /** Writes a new snapshot and resolves once it is durable; returns the sha256 (hex) of its bytes. */
  async write(draftId: string, versionId: string, bytes: Uint8Array): Promise<string> {
    const file = this.file(draftId, versionId);
    const dir = path.dirname(file);
    const created = await mkdir(dir, { recursive: true, mode: 0o700 });
    // A folder made just now must itself survive a power cut: fsync each parent that gained an entry.
    if (created !== undefined) for (const parent of parentsUpTo(dir, this.dataDir, created)) await fsyncDir(parent);
    const tmp = `${file}.tmp`;
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(tmp, file);
    } catch (error) {
      await unlink(tmp).catch(() => undefined);
      throw error;
    }
    await fsyncDir(dir);
    return sha256Hex(bytes);
  }

  /** Reads a snapshot back, checking it against the sha256 recorded when it was written. */
  async read(draftId: string, versionId: string, expectedSha256: string): Promise<Uint8Array> {
    const file = this.file(draftId, versionId);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch (error) {
      throw new SnapshotUnreadableError(file, (error as Error).message);
    }
    if (sha256Hex(bytes) !== expectedSha256) throw new SnapshotUnreadableError(file, 'its checksum does not match');
    return bytes;
  }

  /** Deletes a snapshot (an unpublished version deleted, or a write whose record could not be saved). */
  async delete(draftId: string, versionId: string): Promise<void> {
    const file = this.file(draftId, versionId);
    await unlink(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await fsyncDir(path.dirname(file)).catch(() => undefined);
  }
}

/** The folders whose entries changed when `created` (the first folder mkdir made) up to `dir` were made. */
function parentsUpTo(dir: string, root: string, created: string): string[] {
  const parents: string[] = [];
  for (let current = dir; ; current = path.dirname(current)) {
    parents.push(current);
    if (current === created || current === root || path.dirname(current) === current) break;
  }
  parents.push(path.dirname(created));
  return [...new Set(parents)];
}
