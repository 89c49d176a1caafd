import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { registerTeardown } from './teardown.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface SpawnedServer {
  child: ChildProcess;
  /** Everything printed so far on stdout and stderr. */
  output(): string;
  /** Resolves with the base URL once the server prints its "Listening on" line. */
  ready: Promise<string>;
  /** Resolves with the exit code (or signal) once the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs the real entry point (server/index.ts) as a child process, the way `npm run serve` does,
 * so tests can kill it, restart it and read what it prints. Killed when the test (or, from beforeAll, the file) ends if still running.
 */
export function spawnServer(env: Record<string, string>, options: { autoTeardown?: boolean } = {}): SpawnedServer {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/index.ts')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<string>((resolve, reject) => {
    const onData = () => {
      const m = /Listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    };
    child.stdout.on('data', onData);
    void exited.then(({ code }) => reject(new Error(`server exited with ${code} before listening:\n${out}`)));
  });
  ready.catch(() => undefined);
  // A caller that manages the child's life across tests (restartableServer) turns this off.
  if (options.autoTeardown !== false)
    registerTeardown(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
  return { child, output: () => out, ready, exited };
}
