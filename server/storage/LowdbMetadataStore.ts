import { Low } from 'lowdb';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AtomicJsonFile } from './AtomicJsonFile.js';
import { emptyMetadata, type Metadata } from './MetadataSchema.js';
import type { MetadataStore } from './MetadataStore.js';

export const METADATA_FILE = 'metadata.json';

/**
 * Metadata in one JSON file under DATA_DIR, through lowdb with a durable adapter.
 * Built explicitly (`new Low(new AtomicJsonFile())`): lowdb's presets keep data in memory when NODE_ENV=test.
 */
export class LowdbMetadataStore implements MetadataStore {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly db: Low<Metadata>) {}

  static async open(dataDir: string): Promise<LowdbMetadataStore> {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const db = new Low<Metadata>(new AtomicJsonFile<Metadata>(path.join(dataDir, METADATA_FILE)), emptyMetadata());
    await db.read();
    // Collections added since a file was written (clauseStatuses, positions ...) start empty.
    db.data = { ...emptyMetadata(), ...db.data };
    return new LowdbMetadataStore(db);
  }

  read(): Readonly<Metadata> {
    return this.db.data;
  }

  update<T>(mutate: (data: Metadata) => T): Promise<T> {
    const run = async (): Promise<T> => {
      const before = structuredClone(this.db.data);
      try {
        const result = mutate(this.db.data);
        await this.db.write();
        return result;
      } catch (error) {
        this.db.data = before;
        throw error;
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    await this.queue;
  }
}
