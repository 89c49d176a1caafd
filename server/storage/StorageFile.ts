import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * The few file operations the document store needs, with positional writes so a failed write can be
 * cut back and retried at a known offset. A seam for tests that must produce EIO or ENOSPC on demand;
 * production uses `openStorageFile`.
 */
export interface StorageFile {
  /**
   * True when the file was opened with `syncedWrites`: each write is on disk, data and file length,
   * when it resolves, so no datasync is needed after it.
   */
  readonly syncedWrites: boolean;
  size(): Promise<number>;
  /** Reads `length` bytes at `position` (fewer only at the end of the file). */
  read(position: number, length: number): Promise<Buffer>;
  /** Writes all of `data` at `position`. */
  write(data: Uint8Array, position: number): Promise<void>;
  truncate(length: number): Promise<void>;
  /** fdatasync: the data and the file length are on disk when it resolves. */
  datasync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens a file for reading and writing; `create` makes it when missing (mode 0600). `syncedWrites`
 * (O_DSYNC) makes every write durable before it resolves, the write and its fdatasync in one system
 * call: one hand-off to a libuv thread instead of two, which on the benchmark machine is a fifth to a
 * third less CPU per log commit (`npx tsx test/bench/logWriteCost.ts`: write + fdatasync 126-146 µs,
 * O_DSYNC write 101-110 µs). @default false
 */
export type OpenStorageFile = (file: string, options: { create: boolean; syncedWrites?: boolean }) => Promise<StorageFile>;

/** The real implementation over node:fs file handles. */
export const openStorageFile: OpenStorageFile = async (file, { create, syncedWrites = false }) => {
  const flags = constants.O_RDWR | (create ? constants.O_CREAT : 0) | (syncedWrites ? constants.O_DSYNC : 0);
  return new NodeStorageFile(await open(file, flags, 0o600), syncedWrites);
};

class NodeStorageFile implements StorageFile {
  constructor(
    private readonly handle: FileHandle,
    readonly syncedWrites: boolean,
  ) {}

  async size(): Promise<number> {
    return (await this.handle.stat()).size;
  }

  async read(position: number, length: number): Promise<Buffer> {
    const out = Buffer.alloc(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await this.handle.read(out, filled, length - filled, position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return out.subarray(0, filled);
  }

  async write(data: Uint8Array, position: number): Promise<void> {
    let written = 0;
    while (written < data.byteLength) {
      const { bytesWritten } = await this.handle.write(data, written, data.byteLength - written, position + written);
      written += bytesWritten;
    }
  }

  truncate(length: number): Promise<void> {
    return this.handle.truncate(length);
  }

  datasync(): Promise<void> {
    return this.handle.datasync();
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
