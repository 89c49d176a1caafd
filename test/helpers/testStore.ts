import type pg from 'pg';
import { withPool } from '../../server/storage/postgres/withPool.js';
import { freshDatabase } from './postgres.js';

/**
 * The store the servers tests start keep their data in: 'embedded' (files under DATA_DIR, the default) or
 * 'postgres' (a database of their own). Chosen with TEST_STORE; vitest.config.ts's reliability-postgres
 * project sets it to run the reliability battery a second time on PostgreSQL.
 */
export type TestStore = 'embedded' | 'postgres';

/** TEST_STORE, read when asked (vitest sets a project's env before its files run); anything else is a typo and throws. */
export function testStore(): TestStore {
  const value = process.env.TEST_STORE;
  if (value === undefined || value === '' || value === 'embedded') return 'embedded';
  if (value === 'postgres') return 'postgres';
  throw new Error(`TEST_STORE must be "embedded" or "postgres", not ${JSON.stringify(value)}`);
}

/**
 * The environment that puts a new server on the test store: nothing for the embedded store (its DATA_DIR
 * is enough), DATABASE_URL of a new database of its own for PostgreSQL (dropped when the test, or the file
 * when called outside a test, ends).
 */
export async function testStoreEnv(): Promise<Record<string, string>> {
  return testStore() === 'postgres' ? { DATABASE_URL: await freshDatabase() } : {};
}

/** Where a server keeps what it stores: the database when it has DATABASE_URL, otherwise the files under DATA_DIR. */
export interface StoredAt {
  dataDir: string;
  databaseUrl?: string | undefined;
}

/** Runs `work` on a small pool of its own on `databaseUrl` (not the server's), ended afterwards. */
export function withOwnPool<T>(databaseUrl: string, work: (pool: pg.Pool) => Promise<T>): Promise<T> {
  return withPool(databaseUrl, work, 2);
}
