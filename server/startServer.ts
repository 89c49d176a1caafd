import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { attachCollabServer } from './collab/attachCollabServer.js';
import type { CollabServer } from './collab/CollabServer.js';
import type { Config } from './config.js';
import { auditAddedOptions } from './domain/auditAddedOptions.js';
import { auditBracketChanges } from './domain/auditBracketChanges.js';
import { AutoSnapshotScheduler } from './domain/AutoSnapshotScheduler.js';
import { systemClock, type Clock } from './domain/Clock.js';
import type { DraftDocuments } from './domain/DraftDocuments.js';
import { seedDemoWorkspace } from './domain/seed.js';
import { createServices, type Services } from './domain/Services.js';
import { lockDataDir } from './storage/DataDirLock.js';
import type { DocumentStore } from './storage/DocumentStore.js';
import { BUSY_DRAFT_COMMIT_INTERVAL_MS, FileDocumentStore } from './storage/FileDocumentStore.js';
import { LowdbMetadataStore } from './storage/LowdbMetadataStore.js';
import { logStatsEvery } from './storage/logStatsEvery.js';
import { readStarterText } from './storage/StarterText.js';

export interface RunningServer {
  url: string;
  port: number;
  http: Server;
  services: Services;
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

async function open(config: Config, clock: Clock, quiet: boolean, unlock: () => Promise<void>, given?: ServedDocumentStore): Promise<RunningServer> {
  const store = await LowdbMetadataStore.open(config.dataDir);
  const documents = given ?? (await FileDocumentStore.open(config.dataDir, { commitIntervalMs: BUSY_DRAFT_COMMIT_INTERVAL_MS }));
  const starter = await readStarterText(config.startersDir);
  const seed = await seedDemoWorkspace(store, clock, { seedPassword: config.seedPassword, starterTitle: starter.title });
  if (seed.seeded && !quiet) printSeedNotice(seed.generatedPasswords);

  // Domain services read drafts' documents through the collab server, which is built after them.
  let collabServer: CollabServer | null = null;
  const draftDocuments: DraftDocuments = {
    read: (draftId, read) => {
      if (!collabServer) return Promise.reject(new Error('The collaboration server is not attached yet'));
      return collabServer.read(draftId, read);
    },
    change: (draftId, change) => {
      if (!collabServer) return Promise.reject(new Error('The collaboration server is not attached yet'));
      return collabServer.change(draftId, change);
    },
    hold: (draftId, work) => {
      if (!collabServer) return Promise.reject(new Error('The collaboration server is not attached yet'));
      return collabServer.hold(draftId, work);
    },
  };
  const services = createServices(store, config, clock, draftDocuments);
  const app = createApp(services, config);
  const http = createServer(app);
  const collab = attachCollabServer(http, { services, documents, starter, config });
  collabServer = collab.server;
  const autoSnapshots = new AutoSnapshotScheduler({
    take: (draftId) => services.versions.saveAutomatic(draftId),
    quietMs: config.autoSnapshotQuietMs,
    maxIntervalMs: config.autoSnapshotMaxIntervalMs,
  });
  const stopAutoSnapshots = collab.server.onDraftChanged((draftId) => autoSnapshots.changed(draftId));
  const stopBracketAudit = collab.server.onBracketsChanged((change) => auditBracketChanges(services, change));
  const stopOptionAudit = collab.server.onOptionsAdded((change) => auditAddedOptions(services, change));
  // Counting reads the whole document: only after changes that can change the counts, never for typing.
  const stopCounting = collab.server.onDraftChanged((draftId, negotiation) => {
    if (negotiation) services.counts.changed(draftId);
  });
  const stopStatsLog = logStatsEvery(config.statsLogMs, () => ({ store: documents.stats(), collab: collab.server.stats() }));
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
    collab: collab.server,
    async close() {
      stopStatsLog();
      stopAutoSnapshots();
      stopCounting();
      await autoSnapshots.close();
      await services.counts.close();
      await collab.close();
      stopBracketAudit();
      stopOptionAudit();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await documents.close();
      await store.close();
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
