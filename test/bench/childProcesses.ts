import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import net from 'node:net';

/** Cores for the server and the generator: the server on one, the generator on the other (as bench.mjs does). */
export interface Pinning {
  server: string;
  generator: string;
}

/** `argv` prefixed with `taskset -c <cpus>` when pinning; taskset exec()s, so the child's pid is the program's own. */
export function pinned(cpus: string | null, argv: string[]): [string, string[]] {
  return cpus === null ? [argv[0]!, argv.slice(1)] : ['taskset', ['-c', cpus, ...argv]];
}

export interface Spawned {
  child: ChildProcess;
  pid: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the process printed so far (stdout and stderr), also written to its log file. */
  output(): string;
}

/** Starts a process with its output going to `logFile` (and kept in memory for parsing). */
export function spawnLogged(
  argv: string[],
  options: { cwd: string; env?: Record<string, string>; logFile: string; cpus: string | null },
): Spawned {
  const [command, args] = pinned(options.cpus, argv);
  const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  let text = '';
  const keep = (chunk: Buffer) => {
    text += chunk.toString();
    log.write(chunk);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      log.end();
      resolve({ code, signal });
    }),
  );
  if (child.pid === undefined) throw new Error(`could not start ${argv.join(' ')}`);
  return { child, pid: child.pid, exited, output: () => text };
}

/** Stops a process we started, by its pid: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopProcess(spawned: Spawned, graceMs = 10_000): Promise<void> {
  if (spawned.child.exitCode !== null || spawned.child.signalCode !== null) return;
  process.kill(spawned.pid, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const stopped = await Promise.race([
    spawned.exited.then(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
  ]);
  clearTimeout(timer);
  if (!stopped) {
    process.kill(spawned.pid, 'SIGKILL');
    await spawned.exited;
  }
}

/** Resolves once something accepts connections on 127.0.0.1:`port`. */
export async function waitForPort(port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await canConnect(port)) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A port that was free a moment ago, from the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
