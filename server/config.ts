import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/** The folder the project lives in, so defaults do not depend on where the server is started from. */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');

const Port = z.coerce.number().int().min(0).max(65535);
const Positive = z.coerce.number().int().positive();

/** Environment variables the server reads, with their defaults. Validated once at start-up. */
const EnvSchema = z.object({
  PORT: Port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z
    .string()
    .min(1)
    .default(path.join(PROJECT_ROOT, 'drafts', 'data')),
  SEED_PASSWORD: z.string().min(10, 'SEED_PASSWORD must be at least 10 characters').optional(),
  PUBLIC_URL: z.url().optional(),
  ALLOWED_ORIGINS: z.string().optional(),
  SESSION_TTL_HOURS: Positive.default(12),
  SIGNIN_MAX_FAILURES: Positive.default(5),
  TRUST_PROXY: z.string().optional(),
  SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  // Minutes may be fractional (0.01 = 600 ms), which tests use; a quiet time of 0 turns automatic snapshots off.
  AUTO_SNAPSHOT_QUIET_MINUTES: z.coerce.number().nonnegative().default(5),
  AUTO_SNAPSHOT_MAX_INTERVAL_MINUTES: z.coerce.number().positive().default(30),
  STATS_LOG_SECONDS: z.coerce.number().nonnegative().default(0),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// (or postgresql://) URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'expected a redis:// (or rediss://) URL')
    .optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Password for every seeded demo account; random ones are generated and printed when unset. */
  seedPassword: string | undefined;
  /** Origin used in invitation links; derived from the request when unset. */
  publicUrl: string | undefined;
  /** Extra origins allowed to open sockets and send API writes: ALLOWED_ORIGINS and PUBLIC_URL's (the request's own origin always is). */
  allowedOrigins: string[];
  sessionTtlMs: number;
  /** Sign-in attempts for one account from one address before each further one must wait (SignInLimits). @default 5 */
  signInMaxFailures: number;
  /**
   * Which proxies' X-Forwarded-For (and -Proto) to believe, as Express's 'trust proxy' setting: false (none),
   * a number of hops, or addresses, CIDR ranges and the names loopback, linklocal, uniquelocal. @default false
   */
  trustProxy: false | number | string[];
  /** Mark cookies Secure (needed behind HTTPS). @default true when PUBLIC_URL is https */
  secureCookies: boolean;
  /** An automatic version is saved once a changed draft has had no change for this long; 0: never. @default 5 minutes */
  autoSnapshotQuietMs: number;
  /** While editing goes on, an automatic version is saved at least this long after the first unsaved change. @default 30 minutes */
  autoSnapshotMaxIntervalMs: number;
  /** Print the document store's disk counters and the sync server's figures this often (benchmarks); 0: never. @default 0 */
  statsLogMs: number;
  /**
   * PostgreSQL holding the metadata and documents instead of DATA_DIR (DATABASE_URL); undefined: the embedded
   * store under DATA_DIR, one process.
   */
  databaseUrl: string | undefined;
  /** Redis sharing updates, presence, events and limits between processes on one database (REDIS_URL; needs DATABASE_URL). */
  redisUrl: string | undefined;
  /** Folder with the built client (vite build). */
  clientDir: string;
  /** Folder with the starter texts that seed new drafts. */
  startersDir: string;
}

/** Reads the configuration from environment variables; throws a readable message when one is invalid. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`SEED_PASSWORD=`) means "not set", as in most shells' and tools' conventions.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.REDIS_URL && !e.DATABASE_URL) {
    throw new Error('Invalid configuration:\n  REDIS_URL: set DATABASE_URL too (processes share Redis only over a shared database)');
  }
  const publicOrigin = e.PUBLIC_URL ? new URL(e.PUBLIC_URL).origin : null;
  const extraOrigins = (e.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    seedPassword: e.SEED_PASSWORD,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    allowedOrigins: publicOrigin && !extraOrigins.includes(publicOrigin) ? [...extraOrigins, publicOrigin] : extraOrigins,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    signInMaxFailures: e.SIGNIN_MAX_FAILURES,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    secureCookies: e.SECURE_COOKIES ? e.SECURE_COOKIES === 'true' : (e.PUBLIC_URL ?? '').startsWith('https:'),
    autoSnapshotQuietMs: Math.round(e.AUTO_SNAPSHOT_QUIET_MINUTES * 60_000),
    autoSnapshotMaxIntervalMs: Math.round(e.AUTO_SNAPSHOT_MAX_INTERVAL_MINUTES * 60_000),
    statsLogMs: Math.round(e.STATS_LOG_SECONDS * 1000),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    clientDir: path.join(PROJECT_ROOT, 'dist', 'client'),
    startersDir: path.join(PROJECT_ROOT, 'drafts'),
  };
}

const TRUST_PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: unset or "false" trusts no proxy; a whole number trusts that many hops in front of the
 * server; otherwise a comma-separated list of addresses, CIDR ranges and the names loopback, linklocal and
 * uniquelocal. "true" (trust anyone's X-Forwarded-For) is refused: any client could then choose its address.
 */
function parseTrustProxy(value: string | undefined): false | number | string[] {
  if (value === undefined || value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = entries.filter((entry) => {
    if (TRUST_PROXY_NAMES.has(entry)) return false;
    const [address, bits, ...rest] = entry.split('/');
    const version = isIP(address ?? '');
    if (version === 0 || rest.length > 0) return true;
    return bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
  });
  if (value === 'true' || entries.length === 0 || bad.length > 0) {
    throw new Error(
      `Invalid configuration:\n  TRUST_PROXY: expected false, a number of hops, or addresses, CIDR ranges, loopback, linklocal or uniquelocal (got ${JSON.stringify(value)})`,
    );
  }
  return entries;
}
