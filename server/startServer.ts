import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_EDITING_MODE } from '../shared/api/drafts.js';
import { createApp } from './app.js';
import { attachCollabServer } from './collab/attachCollabServer.js';
import type { CollabServer } from './collab/CollabServer.js';
import type { Config } from './config.js';
import { auditAddedOptions } from './domain/negotiation/auditAddedOptions.js';
import { auditBracketChanges } from './domain/negotiation/auditBracketChanges.js';
import { autoSnapshotExtension } from './domain/autoSnapshotExtension.js';
import { AutoSnapshotScheduler } from './domain/AutoSnapshotScheduler.js';
import { systemClock, type Clock } from './domain/Clock.js';
import { draftSeed } from './domain/draftSeed.js';
import { amendmentsExtension } from './domain/amendments/amendmentsExtension.js';
import { negotiationExtension } from './domain/negotiation/negotiationExtension.js';
import { seedDemoWorkspace } from './domain/seed.js';
import { createServices, signInLimitOptions, type Services, type SharedAcrossProcesses } from './domain/Services.js';
import { consoleLog } from './log.js';
import { createDocumentStorage } from './rooms/documentStorage.js';
import { DraftRooms } from './rooms/DraftRooms.js';
import { openStores, type ServedDocumentStore, type Stores } from './storage/openStores.js';
import { logStatsEvery } from './storage/logStatsEvery.js';
import { readStarterText } from './storage/StarterText.js';
import { MeasuredDocumentStore } from './operations/MeasuredDocumentStore.js';
import { ServerMetrics } from './operations/ServerMetrics.js';
import { RedisMemberSlots } from './scaleout/RedisMemberSlots.js';
import { redisPresence } from './scaleout/redisPresence.js';
import type { RedisBus } from './scaleout/RedisBus.js';
import { RedisDraftEventBus } from './scaleout/RedisDraftEventBus.js';
import { RedisSignInLimits } from './scaleout/RedisSignInLimits.js';
import { redisNamespaceOf, startScaleOut } from './scaleout/startScaleOut.js';

export interface RunningServer {
  url: string;
  port: number;
  http: Server;
  services: Services;
  /** Every draft's live document (read, change, hold), below the domain and the sync server. */
  rooms: DraftRooms;
  /** The sync server at /collab/<draftId>. */
  collab: CollabServer;
  /** Stops accepting connections, flushes every store and resolves once all is on disk. */
  close(): Promise<void>;
}

/** A document store the server can report on ([stats] lines). */
export type { ServedDocumentStore };

export interface StartServerOptions {
  /** @default systemClock */
  clock?: Clock;
  /** No seed notice on the console. @default false */
  quiet?: boolean;
  /**
   * Where drafts' documents are kept. Only the benchmark's durability diagnosis passes another one
   * (test/bench/memoryStoreServer.ts). @default FileDocumentStore under DATA_DIR (durable)
   */
  documents?: ServedDocumentStore;
}

/**
 * Opens the stores (under DATA_DIR, or in PostgreSQL with DATABASE_URL: openStores), seeds the demo
 * workspace on a first start, and listens. Used by server/index.ts and by integration tests (with PORT 0
 * and a temporary DATA_DIR).
 */
export async function startServer(config: Config, options: StartServerOptions = {}): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  const stores = await openStores(config, consoleLog('storage'), options.documents);
  try {
    return await open(config, clock, options.quiet ?? false, stores);
  } catch (error) {
    await stores.close();
    throw error;
  }
}

async function open(config: Config, clock: Clock, quiet: boolean, stores: Stores): Promise<RunningServer> {
  const { metadata } = stores;
  let draining = false;
  // Read when scraped, which is only once the server listens (rooms and collab exist by then).
  const metrics: ServerMetrics = new ServerMetrics({
    collab: () => collab.server.stats(),
    rooms: (): number => rooms.stats().rooms,
    fanOut: () => scaleOut?.figures() ?? null,
  });
  const documents = new MeasuredDocumentStore(stores.documents, metrics.commitSeconds);
  const starter = await readStarterText(config.startersDir);
  const seed = await stores.setUp(() =>
    seedDemoWorkspace(metadata, clock, { seedPassword: config.seedPassword, starterTitle: starter.title }),
  );
  if (seed.seeded && !quiet) printSeedNotice(seed.generatedPasswords);

  // Rooms first (they know nothing above them), then the domain on top of them, then the extensions
  // that connect the document's content to the domain, then the websocket layer over both.
  const rooms: DraftRooms = new DraftRooms({
    storage: createDocumentStorage({
      documents,
      seedFor: async (draftId) => {
        const draft = await metadata.drafts.get(draftId);
        if (!draft) throw new Error(`no draft ${draftId} to seed`);
        return draftSeed(draft, starter);
      },
      log: consoleLog('storage'),
      shared: stores.shared !== null,
    }),
  });
  // Several processes on one database: keep this one's live documents in step with the others'.
  const scaleOut = stores.shared
    ? startScaleOut({
        shared: stores.shared,
        live: rooms,
        redisUrl: config.redisUrl,
        namespace: redisNamespaceOf(config.databaseUrl),
        log: consoleLog('scale-out'),
        observeLag: (seconds) => metrics.fanOutLagSeconds.observe(seconds),
      })
    : null;
  const services = createServices(metadata, config, clock, rooms, stores.snapshots, sharedOver(scaleOut?.bus ?? null, config, clock));
  const autoSnapshots = new AutoSnapshotScheduler({
    take: (draftId) => services.versions.saveAutomatic(draftId),
    quietMs: config.autoSnapshotQuietMs,
    maxIntervalMs: config.autoSnapshotMaxIntervalMs,
  });
  // First: an update the amendment or lock rules refuse never reaches the others.
  const amendments = amendmentsExtension({
    editingModeOf: async (draftId) => (await metadata.drafts.get(draftId))?.editingMode ?? DEFAULT_EDITING_MODE,
    decidedProposalIds: (draftId) => services.amendments.decidedIds(draftId),
    lockedClausesOf: async (draftId) => [...(await services.negotiation.lockedClauses(draftId))],
    subscribeAll: (listener) => services.events.subscribeAll(listener),
    proposalsMade: (change) => services.amendments.proposalsMade(change.draftId, change.actor, change.proposals),
    log: consoleLog('amendments'),
  });
  rooms.use(amendments);
  rooms.use(
    negotiationExtension({
      bracketsChanged: (change) => auditBracketChanges(services, change),
      optionsAdded: (change) => auditAddedOptions(services, change),
      countsMayHaveChanged: (draftId) => services.counts.changed(draftId),
      log: consoleLog('negotiation'),
    }),
  );
  rooms.use(autoSnapshotExtension(autoSnapshots));
  const app = createApp(services, config, { checks: [...stores.checks, ...(scaleOut?.checks ?? [])], draining: () => draining, metrics });
  const http = createServer(app);
  const collab = attachCollabServer(http, {
    rooms,
    services,
    config,
    presence: scaleOut?.bus ? redisPresence(scaleOut.bus) : undefined,
    slots: services.memberSlots ?? undefined,
  });
  const stopStatsLog = logStatsEvery(config.statsLogMs, () => ({
    store: documents.stats(),
    collab: { ...collab.server.stats(), ...rooms.stats() },
  }));
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  return {
    url: `http://${host}:${port}`,
    port,
    http,
    services,
    rooms,
    collab: collab.server,
    async close() {
      // Draining: not ready any more (load balancers stop sending), no new connections; then every socket is
      // closed with the transient SHUTTING_DOWN so clients reconnect elsewhere, and everything is flushed.
      draining = true;
      http.close();
      stopStatsLog();
      amendments.close();
      await autoSnapshots.close();
      await services.counts.close();
      await collab.close();
      await rooms.close();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await services.memberSlots?.close();
      await scaleOut?.close();
      await stores.close();
      await services.hasher.close();
    },
  };
}

/** With Redis: the draft events and the sign-in limits shared with the other processes; without, each process's own. */
function sharedOver(bus: RedisBus | null, config: Config, clock: Clock): SharedAcrossProcesses {
  if (!bus) return {};
  return {
    events: new RedisDraftEventBus(bus, consoleLog('events')),
    signInLimits: new RedisSignInLimits(bus, signInLimitOptions(config), clock, consoleLog('sign-in')),
    memberSlots: new RedisMemberSlots(bus, consoleLog('limits')),
  };
}

function printSeedNotice(passwords: Array<{ email: string; password: string }>): void {
  console.log('Created the demo workspace (delegations, members and the starter draft).');
  if (passwords.length === 0) {
    console.log('Every demo account uses the password from SEED_PASSWORD.');
    return;
  }
  console.log('Demo accounts and their passwords (shown once, not stored in plain text; keep them now):');
  for (const { email, password } of passwords) console.log(`  ${email.padEnd(26)} ${password}`);
}
