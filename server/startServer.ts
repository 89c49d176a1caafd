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
import { createServices, type Services } from './domain/Services.js';
import { consoleLog } from './log.js';
import { createDocumentStorage } from './rooms/documentStorage.js';
import { DraftRooms } from './rooms/DraftRooms.js';
import { lockDataDir } from './storage/DataDirLock.js';
import type { DocumentStore } from './storage/DocumentStore.js';
import { BUSY_DRAFT_COMMIT_INTERVAL_MS, FileDocumentStore } from './storage/FileDocumentStore.js';
import { LowdbMetadata } from './storage/metadata/LowdbMetadata.js';
import { logStatsEvery } from './storage/logStatsEvery.js';
import { readStarterText } from './storage/StarterText.js';
import { measuredDocumentStore } from './operations/measuredDocumentStore.js';
import { ServerMetrics } from './operations/ServerMetrics.js';

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
export type ServedDocumentStore = DocumentStore & { stats(): object };

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
 * Opens the stores under DATA_DIR, seeds the demo workspace on a first start, and listens.
 * Used by server/index.ts and by integration tests (with PORT 0 and a temporary DATA_DIR).
 */
export async function startServer(config: Config, options: StartServerOptions = {}): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  const unlock = await lockDataDir(config.dataDir);
  try {
    return await open(config, clock, options.quiet ?? false, unlock, options.documents);
  } catch (error) {
    await unlock();
    throw error;
  }
}

async function open(
  config: Config,
  clock: Clock,
  quiet: boolean,
  unlock: () => Promise<void>,
  given?: ServedDocumentStore,
): Promise<RunningServer> {
  const metadata = await LowdbMetadata.open(config.dataDir);
  let draining = false;
  // Read when scraped, which is only once the server listens (rooms and collab exist by then).
  const metrics: ServerMetrics = new ServerMetrics({ collab: () => collab.server.stats(), rooms: (): number => rooms.stats().rooms });
  const documents = measuredDocumentStore(
    given ?? (await FileDocumentStore.open(config.dataDir, { commitIntervalMs: BUSY_DRAFT_COMMIT_INTERVAL_MS })),
    metrics.commitSeconds,
  );
  const starter = await readStarterText(config.startersDir);
  const seed = await seedDemoWorkspace(metadata, clock, { seedPassword: config.seedPassword, starterTitle: starter.title });
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
    }),
  });
  const services = createServices(metadata, config, clock, rooms);
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
  const app = createApp(services, config, { checks: [], draining: () => draining, metrics });
  const http = createServer(app);
  const collab = attachCollabServer(http, { rooms, services, config });
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
      await documents.close();
      await metadata.close();
      await services.hasher.close();
      await unlock();
    },
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
