import pg from 'pg';
import type { Config } from '../config.js';
import type { MetadataRepositories } from '../domain/repositories.js';
import type { ReadinessCheck } from '../http/routes/operationsRoutes.js';
import type { Log } from '../log.js';
import { lockDataDir } from './DataDirLock.js';
import type { DocumentStore } from './DocumentStore.js';
import { BUSY_DRAFT_COMMIT_INTERVAL_MS, FileDocumentStore } from './FileDocumentStore.js';
import { LowdbMetadata } from './metadata/LowdbMetadata.js';
import { migrate, withSetupLock } from './postgres/migrations.js';
import { PgDocumentStore } from './postgres/PgDocumentStore.js';
import { PgMetadata } from './postgres/PgMetadata.js';
import { PgVersionSnapshotStore } from './postgres/PgVersionSnapshotStore.js';
import { VersionSnapshotStore, type VersionSnapshots } from './VersionSnapshotStore.js';
import { SeqTracker } from '../scaleout/SeqTracker.js';
import { SharedDocumentStore } from '../scaleout/SharedDocumentStore.js';

/** A document store the server can report on ([stats] lines). */
export type ServedDocumentStore = DocumentStore & { stats(): object };

/** Where the workspace is kept, opened: metadata, documents and version snapshots, and how to run the first-start seeding. */
export interface Stores {
  /** 'embedded' (DATA_DIR, one process) or 'postgres' (DATABASE_URL, any number of processes). */
  kind: 'embedded' | 'postgres';
  metadata: MetadataRepositories;
  documents: ServedDocumentStore;
  snapshots: VersionSnapshots;
  /** Set with DATABASE_URL: the document store shared with other processes (startScaleOut keeps them in step). */
  shared: SharedDocumentStore | null;
  /** What /readyz asks (the database must answer). */
  checks: ReadinessCheck[];
  /** Runs `work` (seeding an empty workspace) as the only process doing so: others wait, then find it done. */
  setUp<T>(work: () => Promise<T>): Promise<T>;
  /** Closes the stores (documents, then metadata) and releases what holds the workspace. */
  close(): Promise<void>;
}

/**
 * Opens the workspace's stores as configured. Nothing set: the embedded store under DATA_DIR, locked to
 * this process (a second one refuses to start). DATABASE_URL: PostgreSQL, its schema migrated first (once,
 * whichever process starts first; a schema newer than this code stops the start with a message); any
 * number of processes may share it. `documents` replaces the document store (the benchmark's diagnosis).
 */
export async function openStores(config: Config, log: Log, documents?: ServedDocumentStore): Promise<Stores> {
  return config.databaseUrl ? openPostgres(config.databaseUrl, log, documents) : openEmbedded(config, documents);
}

async function openEmbedded(config: Config, given?: ServedDocumentStore): Promise<Stores> {
  const unlock = await lockDataDir(config.dataDir);
  try {
    const metadata = await LowdbMetadata.open(config.dataDir);
    const documents = given ?? (await FileDocumentStore.open(config.dataDir, { commitIntervalMs: BUSY_DRAFT_COMMIT_INTERVAL_MS }));
    return {
      kind: 'embedded',
      metadata,
      documents,
      snapshots: new VersionSnapshotStore(config.dataDir),
      shared: null,
      checks: [],
      setUp: (work) => work(),
      async close() {
        await documents.close();
        await metadata.close();
        await unlock();
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}

async function openPostgres(databaseUrl: string, log: Log, given?: ServedDocumentStore): Promise<Stores> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 16 });
  // An idle connection the server drops (a restart) must not crash the process: the pool replaces it.
  pool.on('error', (error) => log.warn('a PostgreSQL connection was lost', { error: error.message }));
  try {
    await migrate(pool);
    const shared = given ? null : new SharedDocumentStore(new PgDocumentStore(pool), new SeqTracker());
    const documents = given ?? shared!;
    const metadata = new PgMetadata(pool);
    return {
      kind: 'postgres',
      metadata,
      documents,
      snapshots: new PgVersionSnapshotStore(pool),
      shared,
      checks: [{ name: 'database', check: async () => void (await pool.query('SELECT 1')) }],
      setUp: (work) => withSetupLock(pool, work),
      async close() {
        await documents.close();
        await metadata.close();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
