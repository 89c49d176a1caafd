import type pg from 'pg';
import type { MetadataRepositories, Repositories } from '../../domain/repositories.js';
import { TransactionGuard } from '../metadata/TransactionGuard.js';
import { SerialQueue } from '../SerialQueue.js';
import { pgRepositories } from './pgRepositories.js';
import type { Query } from './SqlAccess.js';

/**
 * Key of the transaction-scoped advisory lock every metadata write takes first: writes from every process
 * run one at a time. Metadata is written seldom (a comment, a status, a sign-in), so taking turns costs
 * little and makes read-then-write transactions (is this email free?) correct without retry loops.
 */
export const METADATA_LOCK = 720_517_002;

/** The tables isEmpty looks into: every table of the metadata schema but the audit counter. */
const TABLES = [
  'delegations',
  'members',
  'invitations',
  'sessions',
  'drafts',
  'comments',
  'versions',
  'clause_statuses',
  'positions',
  'audit_log',
] as const;

/** Refuses a write or transaction through the outer repositories while a transaction's work runs: it would wait for itself. */
const transactions = new TransactionGuard();

/**
 * The metadata repositories over PostgreSQL, for deployments with DATABASE_URL: the tables of the
 * `metadata` schema (schema/metadata.ts), on a database migrated to SCHEMA_VERSION (migrate). Uses the pool
 * it is given and never ends it: its owner does.
 *
 * Reads outside a transaction run on any pooled connection and see what is committed. Every write runs in
 * a PostgreSQL transaction that first takes METADATA_LOCK: a write outside `transaction` is a transaction of
 * its own, durable when it resolves (committed, synchronous_commit on). Within the process, writes and
 * transactions also queue in call order, as in LowdbMetadata: a process holds at most one connection
 * waiting for the lock, and writes through the outer repositories wait while a transaction runs (reads
 * do not: they see what was committed before it).
 */
export class PgMetadata implements MetadataRepositories {
  private readonly writes = new SerialQueue();
  private closed = false;
  readonly members: Repositories['members'];
  readonly sessions: Repositories['sessions'];
  readonly delegations: Repositories['delegations'];
  readonly drafts: Repositories['drafts'];
  readonly comments: Repositories['comments'];
  readonly versions: Repositories['versions'];
  readonly negotiation: Repositories['negotiation'];
  readonly audit: Repositories['audit'];

  constructor(private readonly pool: pg.Pool) {
    const outer = pgRepositories({
      read: (sql, params) => this.pool.query(sql, params),
      write: (change) => this.serialized(change),
    });
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

  async isEmpty(): Promise<boolean> {
    const anyRow = TABLES.map((table) => `EXISTS (SELECT 1 FROM metadata.${table})`).join(' OR ');
    const { rows } = await this.pool.query<{ empty: boolean }>(`SELECT NOT (${anyRow}) AS empty`);
    return rows[0]!.empty;
  }

  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    return this.serialized((query) => {
      // Inside, every statement (reads too) runs on the transaction's connection, so reads see its writes.
      const tx = pgRepositories({ read: query, write: (change) => change(query) });
      return transactions.run(() => work(tx));
    });
  }

  /**
   * Waits for the writes and transactions queued; later ones are refused (a late write must fail loudly, not
   * vanish). Reads still answer while the pool they run on is open: the pool is its owner's to end.
   */
  async close(): Promise<void> {
    this.closed = true;
    await this.writes.run(async () => undefined);
  }

  /**
   * Runs `run` in a transaction of its own on one pooled connection, after the writes queued before it:
   * BEGIN, METADATA_LOCK, `run`, COMMIT; ROLLBACK when anything throws, and the error is passed on.
   * READ COMMITTED, whatever the server's default: each statement then sees what was committed before the
   * lock was granted (a snapshot taken at the first statement would predate it).
   */
  private serialized<T>(run: (query: Query) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The metadata store is closed.'));
    // Outer writes and transactions started from inside a transaction's work would wait for it, which waits for them.
    const misuse = transactions.misuse();
    if (misuse) return Promise.reject(misuse);
    return this.writes.run(async () => {
      const client = await this.pool.connect();
      let over = false;
      const query: Query = (sql, params) => {
        // tx repositories kept past the end of their transaction would write on a connection someone else has.
        if (over)
          return Promise.reject(new Error('This transaction is over: use the repositories passed to transaction() only inside it.'));
        return client.query(sql, params);
      };
      let broken: Error | undefined;
      try {
        await client.query(`BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(${METADATA_LOCK})`);
        const result = await run(query);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        broken = await rollback(client);
        throw error;
      } finally {
        over = true;
        // A connection that could not even roll back is dropped from the pool rather than reused.
        client.release(broken);
      }
    });
  }
}

/** Rolls back whatever is under way on `client`; returns the error when it cannot (the connection is broken). */
async function rollback(client: pg.PoolClient): Promise<Error | undefined> {
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
