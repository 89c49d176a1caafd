import type { ReadinessCheck } from '../http/routes/operationsRoutes.js';
import type { Log } from '../log.js';
import { DraftSync, type LiveDocuments } from './DraftSync.js';
import { RedisBus } from './RedisBus.js';
import type { SharedDocumentStore } from './SharedDocumentStore.js';
import { decodeCommitted, encodeCommitted } from './updateMessages.js';

export interface ScaleOut {
  sync: DraftSync;
  /** The Redis bus, when REDIS_URL is set. */
  bus: RedisBus | null;
  checks: ReadinessCheck[];
  /** Running totals for the metrics. */
  figures(): { delivered: number; repaired: number; repairs: number; published: number; publishFailures: number };
  close(): Promise<void>;
}

/**
 * Connects this process's live documents with the other processes on the same database: every commit
 * here is published on the bus (when there is one), every commit published elsewhere is applied here
 * (DraftSync), and the database repairs whatever the bus loses. Without Redis the processes still
 * converge, through the database alone, about a second apart.
 */
export function startScaleOut(options: {
  shared: SharedDocumentStore;
  live: LiveDocuments;
  redisUrl: string | undefined;
  /**
   * Keeps this workspace's channels and keys apart from other workspaces' on the same Redis (see
   * `redisNamespaceOf`). @default '' (the bare `coc:` prefix)
   */
  namespace?: string;
  log: Log;
  observeLag?: (seconds: number) => void;
}): ScaleOut {
  const { shared, live, redisUrl, log } = options;
  const sync = new DraftSync({ store: shared.inner, tracker: shared.tracker, live, log, observeLag: options.observeLag });
  shared.onLoaded((draftId) => sync.loaded(draftId));
  const channelPrefix = options.namespace ? `coc:${options.namespace}:` : 'coc:';
  const bus = redisUrl ? new RedisBus(redisUrl, log, { channelPrefix }) : null;
  if (bus) {
    shared.onCommitted((draftId, seq, update) =>
      bus.publish('updates', encodeCommitted({ draftId, seq, committedAt: Date.now(), update })),
    );
    // Not awaited: with Redis away at start the process serves anyway (the database keeps documents in step).
    bus
      .subscribe('updates', (payload) => {
        const message = decodeCommitted(payload);
        if (message) sync.receive(message);
      })
      .catch((error: unknown) => log.warn('subscribing to Redis failed', { error: (error as Error).message }));
  }
  return {
    sync,
    bus,
    checks: bus ? [{ name: 'redis', check: () => bus.ping() }] : [],
    figures: () => ({
      delivered: sync.counters.delivered,
      repaired: sync.counters.repaired,
      repairs: sync.counters.repairs,
      published: bus?.counters.published ?? 0,
      publishFailures: bus?.counters.publishFailures ?? 0,
    }),
    async close() {
      sync.close();
      await bus?.close();
    },
  };
}

/**
 * The Redis namespace of the workspace in a database: its database name. Processes on one database share
 * it (whichever host name or pooler they reach it through); workspaces kept in differently named
 * databases may share one Redis without hearing each other's updates and events or counting each other's
 * sign-in attempts. '' when the URL names no database.
 */
export function redisNamespaceOf(databaseUrl: string | undefined): string {
  if (!databaseUrl) return '';
  try {
    return decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\/+/, ''));
  } catch {
    return '';
  }
}
