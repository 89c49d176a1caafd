/**
 * Our server exactly as server/index.ts starts it, except that drafts' documents are kept in memory
 * (MemoryDocumentStore: nothing written, nothing synced). Only for `npm run bench -- --targets
 * ours-memory`: comparing it with `ours` in the same session shows what durability costs in each
 * scenario (the references run in memory too). Never a way to run the product: edits do not survive it.
 */
import { loadConfig } from '../../server/config.js';
import { startServer } from '../../server/startServer.js';
import { MemoryDocumentStore } from '../../server/storage/MemoryDocumentStore.js';

const server = await startServer(loadConfig(), { documents: new MemoryDocumentStore() });
console.log(`Listening on ${server.url} (documents in memory: benchmark diagnosis only)`);
const stop = () =>
  void server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
