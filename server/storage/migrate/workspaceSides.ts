import type pg from 'pg';
import type { MetadataRepositories } from '../../domain/repositories.js';
import type { DocumentStore } from '../DocumentStore.js';
import { FileDocumentStore } from '../FileDocumentStore.js';
import { LowdbMetadata } from '../metadata/LowdbMetadata.js';
import { PgDocumentStore } from '../postgres/PgDocumentStore.js';
import { PgMetadata } from '../postgres/PgMetadata.js';
import { PgVersionSnapshotStore } from '../postgres/PgVersionSnapshotStore.js';
import { VersionSnapshotStore, type VersionSnapshots } from '../VersionSnapshotStore.js';
import { readEmbeddedRecords, readPostgresRecords, type WorkspaceRecords } from './workspaceRecords.js';

/** A workspace's stores, opened: what the copy reads from (source) or writes through (target). */
export interface OpenWorkspace {
  metadata: MetadataRepositories;
  documents: DocumentStore;
  snapshots: VersionSnapshots;
  /** Waits for what is in flight and closes the stores (never the pool or the lock: the migration's own). */
  close(): Promise<void>;
}

/** One end of a migration: the embedded store under DATA_DIR, or a PostgreSQL database. */
export interface WorkspaceSide {
  /** How the report and messages name it: `DATA_DIR /srv/data`, `PostgreSQL postgres://db:5432/drafting` (never a password). */
  label: string;
  /** Every metadata record, read directly (see workspaceRecords.ts). */
  readRecords(): Promise<WorkspaceRecords>;
  /** Opens a fresh set of its stores: the check reads back through new ones, never through what the copy wrote with. */
  open(): Promise<OpenWorkspace>;
}

/** The embedded store under `dataDir`; the caller holds the folder's lock (lockDataDir) throughout. */
export function embeddedSide(dataDir: string): WorkspaceSide {
  return {
    label: `DATA_DIR ${dataDir}`,
    readRecords: () => readEmbeddedRecords(dataDir),
    async open() {
      const metadata = await LowdbMetadata.open(dataDir);
      const documents = await FileDocumentStore.open(dataDir);
      return {
        metadata,
        documents,
        snapshots: new VersionSnapshotStore(dataDir),
        async close() {
          await documents.close();
          await metadata.close();
        },
      };
    },
  };
}

/** A PostgreSQL workspace over `pool` (migrated to the schema this code knows); the caller ends the pool. */
export function postgresSide(pool: pg.Pool, databaseUrl: string): WorkspaceSide {
  return {
    label: `PostgreSQL ${databaseLabel(databaseUrl)}`,
    readRecords: () => readPostgresRecords(pool),
    async open() {
      const metadata = new PgMetadata(pool);
      const documents = new PgDocumentStore(pool);
      return {
        metadata,
        documents,
        snapshots: new PgVersionSnapshotStore(pool),
        async close() {
          await documents.close();
          await metadata.close();
        },
      };
    },
  };
}

/** The database's URL without user and password, for messages and the report. */
export function databaseLabel(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return 'the database given';
  }
}
