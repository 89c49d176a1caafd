import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low, Memory, type Adapter } from 'lowdb';
import type { MetadataRepositories, Repositories } from '../../domain/repositories.js';
import { AtomicJsonFile } from '../AtomicJsonFile.js';
import { lowdbRepositories } from './lowdbRepositories.js';
import { checkMetadataFile, emptyMetadataFile, TABLES, type MetadataFile } from './metadataFile.js';
import { TransactionGuard } from './TransactionGuard.js';

export const METADATA_FILE = 'metadata.json';

/** Refuses a write through the outer repositories while a transaction's work runs: it would wait for itself. */
const transactions = new TransactionGuard();

/**
 * The metadata repositories over one JSON file under DATA_DIR (lowdb with a durable adapter): the embedded
 * default store. The file is checked when opened (checkMetadataFile). All data is held in memory; each
 * write, or each transaction, rewrites the file once (temporary file, fsync, rename) and resolves after.
 * Writes run one at a time in call order; when writing the file fails, the tables are put back as they
 * were and the call rejects, so an answered request always matches what is on disk.
 *
 * Built explicitly (`new Low(new AtomicJsonFile())`): lowdb's presets keep data in memory when NODE_ENV=test.
 */
export class LowdbMetadata implements MetadataRepositories {
  private queue: Promise<unknown> = Promise.resolve();
  readonly members: Repositories['members'];
  readonly sessions: Repositories['sessions'];
  readonly delegations: Repositories['delegations'];
  readonly drafts: Repositories['drafts'];
  readonly comments: Repositories['comments'];
  readonly versions: Repositories['versions'];
  readonly negotiation: Repositories['negotiation'];
  readonly audit: Repositories['audit'];

  private constructor(private readonly db: Low<MetadataFile>) {
    // Outside a transaction each write is a durable write of its own.
    const outer = lowdbRepositories({ data: () => this.db.data, write: (change) => this.writeAlone(change) });
    ({
      members: this.members,
      sessions: this.sessions,
      delegations: this.delegations,
      drafts: this.drafts,
      comments: this.comments,
      versions: this.versions,
      negotiation: this.negotiation,
      audit: this.audit,
    } = outer);
  }

  /** Opens (or creates) DATA_DIR/metadata.json; rejects with InvalidMetadataError or CorruptMetadataError naming what is wrong. */
  static async open(dataDir: string): Promise<LowdbMetadata> {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const file = path.join(dataDir, METADATA_FILE);
    return LowdbMetadata.over(new AtomicJsonFile<MetadataFile>(file), file);
  }

  /** The same, held in memory only (tests of code that needs repositories but not a file). */
  static inMemory(): Promise<LowdbMetadata> {
    return LowdbMetadata.over(new Memory<MetadataFile>(), 'memory');
  }

  private static async over(adapter: Adapter<MetadataFile>, name: string): Promise<LowdbMetadata> {
    const db = new Low<MetadataFile>(adapter, emptyMetadataFile());
    db.data = checkMetadataFile(await adapter.read(), name);
    return new LowdbMetadata(db);
  }

  isEmpty(): Promise<boolean> {
    const data = this.db.data;
    return Promise.resolve(data.users.length === 0 && data.delegations.length === 0 && data.drafts.length === 0);
  }

  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    this.refuseInsideTransaction();
    return this.serialized(async (wrote) => {
      // Inside, writes change the tables at once; the file is written once, at the end (not at all when nothing was written).
      const tx = lowdbRepositories({
        data: () => this.db.data,
        write: (change) => {
          wrote();
          return Promise.resolve(change(this.db.data));
        },
      });
      return transactions.run(() => work(tx));
    });
  }

  async close(): Promise<void> {
    await this.queue;
  }

  private writeAlone<T>(change: (data: MetadataFile) => T): Promise<T> {
    this.refuseInsideTransaction();
    return this.serialized((wrote) => {
      wrote();
      return Promise.resolve(change(this.db.data));
    });
  }

  private refuseInsideTransaction(): void {
    const misuse = transactions.misuse();
    if (misuse) throw misuse;
  }

  /**
   * Runs `run` after every write before it, then writes the file if `run` said it wrote (called `wrote`).
   * The tables are copied first (arrays only: records are never changed in place, always replaced), and put
   * back if `run` throws or the file cannot be written.
   */
  private serialized<T>(run: (wrote: () => void) => Promise<T>): Promise<T> {
    const step = async (): Promise<T> => {
      const before = Object.fromEntries(TABLES.map((table) => [table, this.db.data[table]])) as Pick<MetadataFile, (typeof TABLES)[number]>;
      for (const table of TABLES) (this.db.data as unknown as Record<string, unknown[]>)[table] = [...this.db.data[table]];
      let changed = false;
      try {
        const result = await run(() => (changed = true));
        if (changed) await this.db.write();
        return result;
      } catch (error) {
        Object.assign(this.db.data, before);
        throw error;
      }
    };
    const result = this.queue.then(step, step);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
