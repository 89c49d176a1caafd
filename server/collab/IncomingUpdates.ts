/**
 * The order in which a room works on members' updates. Each arriving update is processed at once unless
 * something must happen first: then it, and every update arriving after it from anyone, waits its turn
 * in arrival order. Two things make updates wait: an update whose processing must itself wait (recording
 * a new client id's owner on disk before applying it), and server work that must see the document hold
 * still (`hold`: a restore saves the text as it is and then replaces it).
 */
export class IncomingUpdates<T> {
  private readonly queue: T[] = [];
  private blocked: Promise<unknown> | null = null;
  private draining = false;

  /**
   * @param process works on one update; returns a promise when the update must be processed again once it
   *   settles (it stays first in line meanwhile), or nothing when it is done with it.
   */
  constructor(private readonly process: (task: T) => Promise<unknown> | void) {}

  /** Updates waiting their turn. */
  get waiting(): number {
    return this.queue.length;
  }

  push(task: T): void {
    this.queue.push(task);
    this.drain();
  }

  /**
   * Runs `work` as soon as nothing else is in progress, holding every update that arrives meanwhile until
   * it has finished (whether it resolved or rejected); resolves with its result.
   */
  async hold<R>(work: () => Promise<R>): Promise<R> {
    while (this.blocked) await this.blocked.catch(() => undefined);
    const running = work();
    this.blocked = running;
    try {
      return await running;
    } finally {
      this.blocked = null;
      this.drain();
    }
  }

  /** Forgets every waiting update (the room is leaving memory). */
  clear(): void {
    this.queue.length = 0;
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      while (!this.blocked && this.queue.length > 0) {
        const wait = this.process(this.queue[0]!);
        if (wait) {
          this.blocked = wait.catch(() => undefined).finally(() => {
            this.blocked = null;
            this.drain();
          });
          return;
        }
        this.queue.shift();
      }
    } finally {
      this.draining = false;
    }
  }
}
