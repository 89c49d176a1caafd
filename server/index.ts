import { loadConfig, type Config } from './config.js';
import { startServer } from './startServer.js';

/** Entry point: read the environment, start, and shut down cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  console.log(`Listening on ${server.url}  (data in ${whereDataIs(config)})`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: flushing and stopping…`);
    server.close().then(
      () => process.exit(0),
      (error) => {
        console.error('Shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** Where the workspace is kept, for the start-up line (a database URL without its password). */
function whereDataIs(config: Config): string {
  if (!config.databaseUrl) return config.dataDir;
  const url = new URL(config.databaseUrl);
  url.password = '';
  return `PostgreSQL ${url.toString()}${config.redisUrl ? ', with Redis' : ''}`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
