import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './freePort.js';
import { spawnServer, type SpawnedServer } from './spawnServer.js';
import { TEST_PASSWORD, type TestServer } from './testServer.js';
import { testStoreEnv } from './testStore.js';

export interface RestartableServer {
  dataDir: string;
  /** The server's database (the same across restarts) with TEST_STORE=postgres or DATABASE_URL in `env`; undefined on the embedded store. */
  databaseUrl: string | undefined;
  port: number;
  /** What clients connect to: the same URL and port across restarts. */
  target: TestServer;
  /** The running child process (the latest one started). */
  readonly current: SpawnedServer;
  /** Starts a new child on the same DATA_DIR and port; resolves with how long it took until it listened (ms). */
  start(): Promise<number>;
  /** Sends `signal` to the running child; resolves with its exit and how long it took (ms). */
  stop(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  /** Kills the child if it still runs and deletes DATA_DIR. Call it from an afterAll declared in the test file. */
  dispose(): Promise<void>;
}

/**
 * The real entry point (server/index.ts) as a child process on a fixed free port and a temporary DATA_DIR,
 * that a test can kill and start again any number of times, as an operator or a crash would; clients
 * reconnect to the same address. The test file must call `dispose()` in a top-level afterAll (hooks
 * registered while tests run do not fire, so spawnServer's own cannot be relied on here); as a last resort
 * a running child is killed when the test process exits. With TEST_STORE=postgres (testStore.ts) and no
 * DATABASE_URL in `env`, it runs on a new database of its own, dropped when the test (or, when created
 * outside a test, the file) ends.
 */
export async function restartableServer(env: Record<string, string> = {}): Promise<RestartableServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'coc-reliability-'));
  const port = await freePort();
  const storeEnv = env.DATABASE_URL ? {} : await testStoreEnv();
  const fullEnv: Record<string, string> = { DATA_DIR: dataDir, PORT: String(port), SEED_PASSWORD: TEST_PASSWORD, ...storeEnv, ...env };
  const databaseUrl = fullEnv.DATABASE_URL;
  let current: SpawnedServer | null = null;
  const running = () => current !== null && current.child.exitCode === null && current.child.signalCode === null;
  const killAtExit = () => {
    if (running()) current!.child.kill('SIGKILL');
  };
  process.once('exit', killAtExit);
  const url = `http://127.0.0.1:${port}`;
  const server: RestartableServer = {
    dataDir,
    databaseUrl,
    port,
    target: { url, port, dataDir, databaseUrl } as TestServer,
    get current() {
      if (!current) throw new Error('the server was never started');
      return current;
    },
    async start() {
      const started = performance.now();
      current = spawnServer(fullEnv, { autoTeardown: false });
      await current.ready;
      return performance.now() - started;
    },
    async stop(signal) {
      const running = server.current;
      const sent = performance.now();
      running.child.kill(signal);
      const exit = await running.exited;
      return { ...exit, ms: performance.now() - sent };
    },
    async dispose() {
      process.off('exit', killAtExit);
      if (running()) {
        current!.child.kill('SIGKILL');
        await current!.exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}
