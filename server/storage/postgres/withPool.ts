import pg from 'pg';

/**
 * Runs `work` on a small pool of its own on `databaseUrl`, ended afterwards (a command, a migration, a
 * test reading what a server stored). A connection the server drops meanwhile fails the query using it,
 * never the process.
 */
export async function withPool<T>(databaseUrl: string, work: (pool: pg.Pool) => Promise<T>, max = 4): Promise<T> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max });
  pool.on('error', () => undefined);
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}
