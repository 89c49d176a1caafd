import { open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';

/** Thrown when the metadata file exists but is not valid JSON: start-up stops instead of replacing it. */
export class CorruptMetadataError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(
      `The metadata file ${file} cannot be parsed (${(cause as Error).message}). ` +
        'The server will not start, so nothing is overwritten. Restore it from a backup or move it aside.',
    );
    this.name = 'CorruptMetadataError';
  }
}

/**
 * A lowdb adapter that writes durably: temporary file, fsync, rename over the old file, fsync the
 * folder. A crash at any moment leaves either the old or the new file, never a torn one.
 */
export class AtomicJsonFile<T> implements Adapter<T> {
  constructor(private readonly file: string) {}

  async read(): Promise<T | null> {
    let raw: string;
    try {
      raw = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      return JSON.parse(raw) as T;
    } catch (error) {
      throw new CorruptMetadataError(this.file, error);
    }
  }

  async write(data: T): Promise<void> {
    const tmp = `${this.file}.${process.pid}.tmp`;
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(data));
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(tmp, this.file);
    } catch (error) {
      await unlink(tmp).catch(() => undefined);
      throw error;
    }
    await fsyncDir(path.dirname(this.file));
  }
}

/** Makes a rename durable: without it, a power cut can forget the new directory entry. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
