/** Reads a server-sent event stream over real HTTP, as a browser's EventSource would. */
export class EventStreamReader {
  readonly events: Array<{ event: string; data: any }> = [];
  private readonly controller = new AbortController();
  private waiters: Array<() => void> = [];
  status = 0;
  closed: Promise<void>;

  private constructor(closed: Promise<void>) {
    this.closed = closed;
  }

  static async open(url: string, cookie: string | undefined): Promise<EventStreamReader> {
    let resolveClosed!: () => void;
    const reader = new EventStreamReader(new Promise<void>((r) => (resolveClosed = r)));
    const res = await fetch(url, { headers: cookie ? { cookie } : {}, signal: reader.controller.signal });
    reader.status = res.status;
    if (!res.ok || !res.body) {
      resolveClosed();
      return reader;
    }
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event && data) reader.events.push({ event, data: JSON.parse(data) });
            reader.waiters.forEach((w) => w());
          }
        }
      } catch {
        // aborted or cut by the server
      }
      resolveClosed();
    })();
    return reader;
  }

  /** Resolves with the first event matching `predicate`, or rejects after `timeoutMs`. */
  waitFor(predicate: (e: { event: string; data: any }) => boolean, timeoutMs = 5000): Promise<{ event: string; data: any }> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.events.find(predicate);
        if (found) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== check);
          resolve(found);
        }
      };
      const timer = setTimeout(
        () => reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(this.events)}`)),
        timeoutMs,
      );
      this.waiters.push(check);
      check();
    });
  }

  close(): void {
    this.controller.abort();
  }
}
