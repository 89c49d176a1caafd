import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../server/config.js';
import type { Clock } from '../../server/domain/Clock.js';
import { startServer, type RunningServer } from '../../server/startServer.js';
import { registerTeardown } from './teardown.js';
import { TEST_PASSWORD } from './testPassword.js';
import { testStore, testStoreEnv } from './testStore.js';

export { TEST_PASSWORD };

/** A clock tests can move forward. */
export function manualClock(start = new Date('2026-01-05T09:00:00Z')): Clock & { advance(ms: number): void } {
  let now = start.getTime();
  const clock = (() => new Date(now)) as Clock & { advance(ms: number): void };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

export interface TestServer extends RunningServer {
  dataDir: string;
  /** DATABASE_URL when the server keeps its data in PostgreSQL; undefined on the embedded store under `dataDir`. */
  databaseUrl: string | undefined;
  config: Config;
}

/** The database each DATA_DIR's server got from TEST_STORE=postgres, so reopening a `dataDir` reopens its database too. */
const databaseOfDataDir = new Map<string, string>();

/**
 * Starts the real server on port 0 with a fresh temporary DATA_DIR and registers its teardown
 * (close, then delete the folder): at the end of the test, or of the file when started in beforeAll.
 * Pass `dataDir` to reopen an existing store. With TEST_STORE=postgres (testStore.ts) and no DATABASE_URL
 * in `env`, the server also gets a new database of its own, dropped after it closes.
 */
export async function startTestServer(
  options: { env?: Record<string, string>; clock?: Clock; dataDir?: string; keepData?: boolean } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'coc-test-')));
  const storeEnv = options.env?.DATABASE_URL ? {} : await storeEnvFor(dataDir, options.dataDir !== undefined);
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_PASSWORD: TEST_PASSWORD, ...storeEnv, ...options.env });
  const server = await startServer(config, { clock: options.clock, quiet: true });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await server.close();
  };
  registerTeardown(async () => {
    await close();
    if (!options.keepData && !options.dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  return { ...server, close, dataDir, databaseUrl: config.databaseUrl, config };
}

/** The test store's environment for a server on `dataDir`: a reopened one gets the database it had before. */
async function storeEnvFor(dataDir: string, reopened: boolean): Promise<Record<string, string>> {
  const known = databaseOfDataDir.get(dataDir);
  if (known) return { DATABASE_URL: known };
  if (reopened && testStore() === 'postgres')
    throw new Error(`TEST_STORE=postgres: no database is known for ${dataDir}; pass env.DATABASE_URL`);
  const env = await testStoreEnv();
  if (env.DATABASE_URL) databaseOfDataDir.set(dataDir, env.DATABASE_URL);
  return env;
}
