/**
 * The order in which a room works on members' updates. Each arriving update is processed at once unless
 * something must happen first; then it waits its turn, and so does every later update of the same
 * sender (`keyOf`), in arrival order. Two things make updates wait:
 * - an update whose processing must itself wait (the owner of a client id written with for the first time
 *   is recorded on disk before the update is applied): only its sender's updates wait behind it;
 * - server work that must see the document hold still (`hold`: a restore saves the text as it is and then
 *   replaces it): every update waits until it has finished.
 */
export class IncomingUpdates<T> {
  private readonly queue: T[] = [];
  /** Senders whose update is being waited for. */
  private readonly waitingFor = new Set<unknown>();
  private held: Promise<unknown> | null = null;
  private draining = false;

  /**
   * @param keyOf the sender of an update
   * @param process works on one update; returns a promise when the update must be processed again once it
   *   settles (it and its sender's later updates wait meanwhile), or nothing when it is done with it.
   */
  constructor(
    private readonly keyOf: (task: T) => unknown,
    private readonly process: (task: T) => Promise<unknown> | void,
  ) {}

  /** Updates waiting their turn. */
  get waiting(): number {
    return this.queue.length;
  }

  push(task: T): void {
    this.queue.push(task);
    this.drain();
  }

  /**
   * Runs `work` as soon as no other hold is running, holding every update that arrives meanwhile until it
   * has finished (whether it resolved or rejected); resolves with its result.
   */
  async hold<R>(work: () => Promise<R>): Promise<R> {
    while (this.held) await this.held.catch(() => undefined);
    const running = work();
    this.held = running;
    try {
      return await running;
    } finally {
      this.held = null;
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
      for (let i = 0; i < this.queue.length && !this.held;) {
        const task = this.queue[i]!;
        if (this.waitingFor.has(this.keyOf(task))) {
          i += 1;
          continue;
        }
        this.queue.splice(i, 1);
        const wait = this.process(task);
        if (!wait) continue;
        // Processed again once `wait` settles, still ahead of its sender's later updates.
        const key = this.keyOf(task);
        this.waitingFor.add(key);
        this.queue.splice(i, 0, task);
        i += 1;
        void wait
          .catch(() => undefined)
          .finally(() => {
            this.waitingFor.delete(key);
            this.drain();
          });
      }
    } finally {
      this.draining = false;
    }
  }
}
