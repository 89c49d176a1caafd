import type pg from 'pg';

/**
 * Runs `work` in one transaction on a pooled connection of its own: COMMIT once it resolves, ROLLBACK
 * and rethrow when anything fails. A connection that broke on the way (terminated backend, dead
 * socket, failed ROLLBACK) is destroyed instead of going back to the pool.
 *
 * A COMMIT that fails because the connection died is "in doubt": the server may have committed. Callers
 * report failure anyway; what they retry is a Yjs update, which applies idempotently if it was saved.
 */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A checked-out client has no pool listener: without this, a backend terminated between two
  // statements would emit an unhandled 'error' and bring the process down.
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    if (!broken) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
    }
    throw error;
  } finally {
    client.removeListener('error', onError);
    client.release(broken);
  }
}
