import pg from 'pg';
import { migrate } from '../../server/storage/postgres/migrations.js';
import { freshDatabase } from './postgres.js';
import { registerTeardown } from './teardown.js';

/**
 * A pool on a new database of its own with the whole schema migrated, ended when the test (or file)
 * ends, before its database is dropped. Idle connections the server drops (a test terminating
 * backends) are only noted, as the server's own pool owner would do.
 */
export async function migratedPool(options: pg.PoolConfig = {}): Promise<pg.Pool> {
  const url = await freshDatabase();
  const pool = poolOn(url, options);
  await migrate(pool);
  return pool;
}

/** Another pool on the same database: another "process" sharing it. Ended like the first. */
export function poolOn(connectionString: string, options: pg.PoolConfig = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 4, ...options });
  pool.on('error', () => undefined);
  registerTeardown(() => pool.end());
  return pool;
}

/** The URL a pool was made with. */
export function urlOf(pool: pg.Pool): string {
  return (pool.options as { connectionString: string }).connectionString;
}
