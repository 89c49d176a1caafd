import type pg from 'pg';
import { DOCUMENTS_SCHEMA } from './schema/documents.js';
import { METADATA_SCHEMA } from './schema/metadata.js';

/**
 * The database's schema, as numbered migrations applied in order, each once. Never edit one that has
 * shipped: add the next number. `schema_migrations` records which are applied.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  { version: 1, name: 'documents', sql: DOCUMENTS_SCHEMA },
  { version: 2, name: 'metadata', sql: METADATA_SCHEMA },
];

/** The newest schema this code knows. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Key of the advisory lock that makes migrating (and seeding, by the caller) one process's job at a time. */
export const MIGRATION_LOCK = 720_517_001;

/** The database was migrated by a newer version of this software: this one must not touch it. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `The database's schema is version ${found}, newer than this server knows (${known}). ` +
        'Run the newer version of the server, or point DATABASE_URL at another database.',
    );
    this.name = 'SchemaTooNewError';
  }
}

/**
 * Brings the database's schema up to SCHEMA_VERSION, holding a session advisory lock meanwhile, so
 * processes starting together against an empty database migrate it exactly once (the others wait, then
 * find nothing to do). Each migration runs in its own transaction with its record. Refuses a database
 * whose schema is newer than this code (SchemaTooNewError), before changing anything.
 * `whileLocked`, when given, runs after migrating and before the lock is released (seeding a new
 * workspace exactly once).
 */
export async function migrate(pool: pg.Pool, whileLocked?: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  await withSetupLock(pool, async (client) => {
    await applyMigrations(client);
    if (whileLocked) await whileLocked(client);
  });
}

/**
 * Runs `work` holding the setup lock (the session advisory lock migrations take): one process at a time,
 * e.g. seeding an empty workspace exactly once whichever process starts first. PostgreSQL releases the
 * lock if the process dies.
 */
export async function withSetupLock<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      return await work(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** Creates schema_migrations if needed and applies what is missing, each migration in its own transaction. */
async function applyMigrations(client: pg.PoolClient): Promise<void> {
  await client.query(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version integer PRIMARY KEY,
       name text NOT NULL,
       applied_at timestamptz NOT NULL DEFAULT now()
     )`,
  );
  const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
  const applied = new Set(rows.map((row) => row.version));
  const newest = Math.max(0, ...applied);
  if (newest > SCHEMA_VERSION) throw new SchemaTooNewError(newest, SCHEMA_VERSION);
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    await client.query('BEGIN');
    try {
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  }
}
