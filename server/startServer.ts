import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { systemClock, type Clock } from './domain/Clock.js';
import { seedDemoWorkspace } from './domain/seed.js';
import { createServices, type Services } from './domain/Services.js';
import { lockDataDir } from './storage/DataDirLock.js';
import { LowdbMetadataStore } from './storage/LowdbMetadataStore.js';
import { readStarterText } from './storage/StarterText.js';

export interface RunningServer {
  url: string;
  port: number;
  http: Server;
  services: Services;
  /** Stops accepting connections, flushes every store and resolves once all is on disk. */
  close(): Promise<void>;
}

/**
 * Opens the stores under DATA_DIR, seeds the demo workspace on a first start, and listens.
 * Used by server/index.ts and by integration tests (with PORT 0 and a temporary DATA_DIR).
 */
export async function startServer(config: Config, options: { clock?: Clock; quiet?: boolean } = {}): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  const unlock = await lockDataDir(config.dataDir);
  try {
    return await open(config, clock, options.quiet ?? false, unlock);
  } catch (error) {
    await unlock();
    throw error;
  }
}

async function open(config: Config, clock: Clock, quiet: boolean, unlock: () => Promise<void>): Promise<RunningServer> {
  const store = await LowdbMetadataStore.open(config.dataDir);
  const starter = await readStarterText(config.startersDir);
  const seed = await seedDemoWorkspace(store, clock, { seedPassword: config.seedPassword, starterTitle: starter.title });
  if (seed.seeded && !quiet) printSeedNotice(seed.generatedPasswords);

  const services = createServices(store, config, clock);
  const app = createApp(services, config);
  const http = createServer(app);
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
    async close() {
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await store.close();
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
