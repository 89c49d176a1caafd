import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the metrics read from the running server, when scraped. */
export interface MetricSources {
  /** Open sockets and the sync server's running totals. */
  collab(): { connections: number; updatesIn: number; framesOut: number; bytesOut: number };
  /** Drafts loaded in this process. */
  rooms(): number;
  /** Keeping in step with other processes (several on one database), or null for a single process. */
  fanOut(): { delivered: number; repaired: number; repairs: number; published: number; publishFailures: number } | null;
}

/**
 * The process's metrics in Prometheus's text format (GET /metrics): connections, rooms, updates in and
 * frames out, the document store's commit latency, and Node's own (memory, CPU, event loop). Each server
 * has its own registry, so several servers in one process (tests) never share or clash. Counters that the
 * server keeps anyway are read when scraped, so the hot paths pay nothing for them.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  /** Seconds from a document update handed to the store until it is durable (committed). */
  readonly commitSeconds: Histogram;
  /** Seconds from another process's commit of an update until it is applied here. */
  readonly fanOutLagSeconds: Histogram;

  constructor(sources: MetricSources) {
    const register = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'collab_connections',
      help: 'Open sync sockets.',
      registers: register,
      collect() {
        this.set(sources.collab().connections);
      },
    });
    new Gauge({
      name: 'collab_rooms',
      help: 'Drafts loaded in this process.',
      registers: register,
      collect() {
        this.set(sources.rooms());
      },
    });
    const total = (name: string, help: string, read: () => number) =>
      new Counter({
        name,
        help,
        registers: register,
        collect() {
          // The server's own running total, read at scrape time (it only grows, as a counter must).
          this.reset();
          this.inc(read());
        },
      });
    total('collab_updates_in_total', 'Document updates received from members who may write.', () => sources.collab().updatesIn);
    total('collab_frames_out_total', 'Frames sent to sockets (updates, presence, sync answers, saved).', () => sources.collab().framesOut);
    total('collab_bytes_out_total', 'Bytes of the frames sent to sockets.', () => sources.collab().bytesOut);
    const fanOut = (read: (f: NonNullable<ReturnType<MetricSources['fanOut']>>) => number) => () => {
      const figures = sources.fanOut();
      return figures ? read(figures) : 0;
    };
    total(
      'fanout_delivered_total',
      'Updates of other processes applied as the fan-out delivered them.',
      fanOut((f) => f.delivered),
    );
    total(
      'fanout_repaired_total',
      'Updates found missing (a lost message, Redis away) and read from the database instead.',
      fanOut((f) => f.repaired),
    );
    total(
      'fanout_repairs_total',
      'Catch-ups from the database (each reads one draft’s log from what this process holds on).',
      fanOut((f) => f.repairs),
    );
    total(
      'fanout_published_total',
      'Commits of this process published to the other processes.',
      fanOut((f) => f.published),
    );
    total(
      'fanout_publish_failures_total',
      'Publications that failed (Redis unreachable); the others catch up from the database.',
      fanOut((f) => f.publishFailures),
    );
    this.fanOutLagSeconds = new Histogram({
      name: 'fanout_lag_seconds',
      help: 'Time from another process committing an update until it is applied here.',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: register,
    });
    this.commitSeconds = new Histogram({
      name: 'store_commit_seconds',
      help: 'Time from a document update handed to the store until it is durable.',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: register,
    });
  }

  /** The text a Prometheus server scrapes. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
