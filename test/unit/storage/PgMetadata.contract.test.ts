import pg from 'pg';
import { migrate } from '../../../server/storage/postgres/migrations.js';
import { PgMetadata } from '../../../server/storage/postgres/PgMetadata.js';
import { freshDatabase } from '../../helpers/postgres.js';
import { registerTeardown } from '../../helpers/teardown.js';
import { describeMetadataRepositoriesContract } from './metadataRepositoriesContract.js';

/** A pool on the database, ended when the test ends (before the database is dropped: teardowns run last first). */
function poolOn(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url });
  registerTeardown(() => pool.end());
  return pool;
}

describeMetadataRepositoriesContract(
  'PgMetadata (PostgreSQL)',
  async () => {
    const url = await freshDatabase();
    const pool = poolOn(url);
    await migrate(pool);
    // Reopening is another process starting: a pool of its own on the same database.
    return { metadata: new PgMetadata(pool), reopen: async () => new PgMetadata(poolOn(url)) };
  },
  { persistent: true },
);
