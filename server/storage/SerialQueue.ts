/** Runs async tasks one at a time in the order they were queued; a failed task does not stop later ones. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;

  /** True when no task is running or waiting. */
  get idle(): boolean {
    return this.queued === 0;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    this.queued += 1;
    const result = this.tail.then(task).finally(() => {
      this.queued -= 1;
    });
    this.tail = result.catch(() => undefined);
    return result;
  }
}
