import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { registerTeardown } from './teardown.js';

/**
 * The PostgreSQL server the tests use: TEST_DATABASE_URL (any database on it; the tests create their own
 * next to it), or the loopback server test/tools/ensure-services.sh makes sure of.
 */
export const TEST_DATABASE_SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of database `name` on the test server. */
export function databaseUrl(name: string): string {
  const url = new URL(TEST_DATABASE_SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one statement on the test server's maintenance database. */
async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_SERVER });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A new, empty database of its own for one test (or one test file, when called in beforeAll), dropped when
 * it ends, whoever is still connected. Returns its URL.
 */
export async function freshDatabase(): Promise<string> {
  const name = `t_${Date.now().toString(36)}_${randomBytes(5).toString('hex')}`;
  await onServer(`CREATE DATABASE ${name}`);
  registerTeardown(() => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  return databaseUrl(name);
}

/**
 * Makes the database at `url` unreachable, as while PostgreSQL restarts: new connections are refused and
 * every open one is cut. With `reachable` true it lets connections in again. The test server itself stays up,
 * since other tests share it.
 */
export async function setDatabaseReachable(url: string, reachable: boolean): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await onServer(`ALTER DATABASE ${name} ALLOW_CONNECTIONS ${reachable ? 'true' : 'false'}`);
  if (!reachable)
    await onServer(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`);
}
