import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

/** The PostgreSQL server the ours-pg targets use (any database on it: each run gets a new one beside it). */
export const BENCH_DATABASE_SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** The Redis the ours-pg-redis target uses (its channels and keys are namespaced by the run's database name). */
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A database made for one run, and how to drop it. */
export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates a new, empty database `bench_<time>_<random>` on BENCH_DATABASE_SERVER for one run (the server
 * migrates it at start; its name also keeps the run's Redis channels apart). `drop` removes it, whoever is
 * still connected.
 */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(BENCH_DATABASE_SERVER);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: BENCH_DATABASE_SERVER });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** CPU seconds used so far by every PostgreSQL and every Redis process of this machine. */
export interface ServiceCpu {
  /** When it was read (ms since the epoch). */
  at: number;
  postgresSec: number;
  redisSec: number;
}

/** USER_HZ, the unit of /proc/<pid>/stat's times: 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS = 100;

/**
 * Reads the CPU time of the machine's `postgres` and `redis-server` processes from /proc (readable whoever
 * owns them): each one's utime + stime, plus cutime + cstime, which hold the time of children already ended
 * and reaped (PostgreSQL backends that closed meanwhile count through the postmaster). The services are
 * shared: whatever else uses them at the same time counts too, so the benchmark runs alone.
 */
export function readServiceCpu(): ServiceCpu {
  const totals = { postgres: 0, 'redis-server': 0 };
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm !== 'postgres' && comm !== 'redis-server') continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name: state is field 3, utime 14, stime 15, cutime 16, cstime 17.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      totals[comm] += [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) / CLOCK_TICKS;
    } catch {
      // The process ended between listing and reading: its time is in its parent's cutime by now.
    }
  }
  return { at: Date.now(), postgresSec: totals.postgres, redisSec: totals['redis-server'] };
}
