/**
 * Measures export downloads over real HTTP for the starter draft: `npx tsx test/integration/export/measureHttpExports.ts`.
 * Starts the real server on port 0 with a temporary data folder, publishes the starter draft as Rev.1, saves
 * a second version with one clause reworded, and prints per format the first (cold) download time, the median
 * of ten more and the size; then the same for the redline of the two versions. Not a test (it asserts nothing).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../../server/config.js';
import { startServer } from '../../../server/startServer.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { EXPORT_FORMATS, REDLINE_FORMATS } from '../../../shared/export/exportFormats.js';
import { ApiClient } from '../../helpers/http.js';

const RUNS = 10;
const PASSWORD = 'correct horse battery';

async function time(url: string, cookie: string): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  const body = await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${new TextDecoder().decode(body)}`);
  return { ms: performance.now() - start, bytes: body.byteLength };
}

async function measure(name: string, url: string, cookie: string): Promise<void> {
  const cold = await time(url, cookie);
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i += 1) warm.push((await time(url, cookie)).ms);
  warm.sort((a, b) => a - b);
  const median = warm[Math.floor(RUNS / 2)]!;
  console.log(
    `${name.padEnd(13)} cold ${cold.ms.toFixed(1).padStart(6)} ms  warm median ${median.toFixed(1).padStart(6)} ms  ${(cold.bytes / 1024).toFixed(1).padStart(6)} KiB`,
  );
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'coc-measure-'));
  const server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_PASSWORD: PASSWORD }), {
    quiet: true,
  });
  try {
    const api = await new ApiClient(server.url).signIn('secretariat@example.org', PASSWORD);
    const draftId = ((await api.get('/api/drafts')).body as Array<{ id: string }>).at(-1)!.id;
    const rev1 = (await api.post(`/api/drafts/${draftId}/versions`, { label: 'Measured' })).body.id as string;
    await api.post(`/api/drafts/${draftId}/versions/${rev1}/publish`);
    await server.rooms.change(draftId, (doc) => {
      const op1 = readOrderedClauses(doc).find((c) => c.kind === 'operative')!;
      op1.heading.insert(op1.heading.length, ' and end-use checks');
    });
    const second = (await api.post(`/api/drafts/${draftId}/versions`, { label: 'Reworded' })).body.id as string;
    for (const format of EXPORT_FORMATS)
      await measure(format, `${server.url}/api/drafts/${draftId}/versions/${rev1}/export?format=${format}`, api.cookie!);
    for (const format of REDLINE_FORMATS)
      await measure(
        `redline ${format}`,
        `${server.url}/api/drafts/${draftId}/compare/export?from=${rev1}&to=${second}&format=${format}`,
        api.cookie!,
      );
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
