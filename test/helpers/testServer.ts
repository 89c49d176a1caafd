import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../server/config.js';
import type { Clock } from '../../server/domain/Clock.js';
import { startServer, type RunningServer } from '../../server/startServer.js';
import { registerTeardown } from './teardown.js';
import { TEST_PASSWORD } from './testPassword.js';

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
  config: Config;
}

/**
 * Starts the real server on port 0 with a fresh temporary DATA_DIR and registers its teardown
 * (close, then delete the folder): at the end of the test, or of the file when started in beforeAll.
 * Pass `dataDir` to reopen an existing store.
 */
export async function startTestServer(
  options: { env?: Record<string, string>; clock?: Clock; dataDir?: string; keepData?: boolean } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'coc-test-')));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_PASSWORD: TEST_PASSWORD, ...options.env });
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
  return { ...server, close, dataDir, config };
}
