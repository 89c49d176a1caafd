import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError } from './AppError.js';
import { formatHash, KEY_LENGTH, keysMatch, newSalt, parseHash, SCRYPT_PARAMS, scryptOptions, type ScryptParams } from './passwords.js';

export interface PasswordHasherOptions {
  /** Hashing threads. @default 1 on a machine of 2 cores or fewer, else 2 */
  threads?: number;
  /** Hashes that may wait for a thread; past that, requests get 429 SIGN_IN_BUSY. @default 32 */
  maxWaiting?: number;
}

/** How long a refused request is told to wait before trying again (Retry-After). */
const BUSY_RETRY_SECONDS = 2;

/** The hashing thread: scryptSync on its own thread, never on libuv's pool that file writes share. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
parentPort.on('message', ({ id, password, salt, keyLength, options }) => {
  try {
    const key = scryptSync(password, Buffer.from(salt), keyLength, options);
    parentPort.postMessage({ id, key: new Uint8Array(key) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

interface Job {
  id: number;
  password: string;
  salt: Uint8Array;
  params: ScryptParams;
  resolve(key: Uint8Array): void;
  reject(error: Error): void;
}

/**
 * Password hashing that cannot starve storage: scrypt runs on worker threads of its own (not on libuv's
 * thread pool, which the document store's disk writes use), a bounded number at a time, and a bounded
 * number may wait; beyond that a request is refused at once with 429 SIGN_IN_BUSY and Retry-After,
 * rather than queueing without end. Threads start on first use and are unref'd.
 */
export class PasswordHasher {
  private readonly threads: number;
  private readonly maxWaiting: number;
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly waiting: Job[] = [];
  private started = 0;
  private nextId = 1;
  private closed = false;
  private dummy: Promise<string> | null = null;

  constructor(options: PasswordHasherOptions = {}) {
    this.threads = options.threads ?? (availableParallelism() <= 2 ? 1 : 2);
    this.maxWaiting = options.maxWaiting ?? 32;
  }

  /** Hashes a password for storage as `scrypt$N$r$p$salt$hash`. */
  async hash(password: string): Promise<string> {
    const salt = newSalt();
    return formatHash(SCRYPT_PARAMS, salt, await this.derive(password, salt, SCRYPT_PARAMS));
  }

  /** Checks a password against a stored hash in constant time. A malformed hash never matches. */
  async verify(password: string, stored: string): Promise<boolean> {
    const parsed = parseHash(stored);
    if (!parsed) return false;
    return keysMatch(await this.derive(password, parsed.salt, parsed.params), parsed.key);
  }

  /** A hash of a random password, checked against for unknown emails so they take as long as known ones. */
  dummyHash(): Promise<string> {
    this.dummy ??= this.hash(newSalt().toString('hex'));
    this.dummy.catch(() => (this.dummy = null));
    return this.dummy;
  }

  /** Hashes waiting for a thread now. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Stops the threads; pending hashes are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) job.reject(new Error('the password hasher is closed'));
    const workers = [...this.idle.splice(0), ...this.busy.keys()];
    for (const job of this.busy.values()) job.reject(new Error('the password hasher is closed'));
    this.busy.clear();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private derive(password: string, salt: Uint8Array, params: ScryptParams): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new Error('the password hasher is closed'));
    if (this.idle.length === 0 && this.started >= this.threads && this.waiting.length >= this.maxWaiting) {
      return Promise.reject(
        new AppError('SIGN_IN_BUSY', 'The server is handling many sign-ins right now. Please try again in a moment.', {
          retryAfterSeconds: BUSY_RETRY_SECONDS,
        }),
      );
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, password: password.normalize('NFC'), salt, params, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const worker = this.idle.pop() ?? (this.started < this.threads ? this.spawn() : null);
      if (!worker) return;
      const job = this.waiting.shift()!;
      this.busy.set(worker, job);
      worker.postMessage({ id: job.id, password: job.password, salt: job.salt, keyLength: KEY_LENGTH, options: scryptOptions(job.params) });
    }
  }

  private spawn(): Worker {
    this.started += 1;
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    worker.on('message', (message: { id: number; key?: Uint8Array; error?: string }) => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      if (job && job.id === message.id) {
        if (message.key) job.resolve(message.key);
        else job.reject(new Error(`hashing failed: ${message.error}`));
      }
      if (!this.closed) {
        this.idle.push(worker);
        this.dispatch();
      }
    });
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', (code) => this.lost(worker, new Error(`the hashing thread exited with code ${code}`)));
    return worker;
  }

  /** A thread died: its job fails, and a new thread takes its place for what waits. */
  private lost(worker: Worker, error: Error): void {
    const job = this.busy.get(worker);
    const wasKnown = job !== undefined || this.idle.includes(worker);
    this.busy.delete(worker);
    const index = this.idle.indexOf(worker);
    if (index >= 0) this.idle.splice(index, 1);
    if (!wasKnown) return;
    this.started -= 1;
    job?.reject(error);
    if (!this.closed) this.dispatch();
  }
}
