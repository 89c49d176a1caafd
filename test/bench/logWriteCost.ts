/**
 * What one durable log write costs the process here: 2000 appends of 60 bytes to a file in a temporary
 * folder, once as a write followed by fdatasync (two hand-offs to a libuv thread) and once as a write to a
 * file opened with O_DSYNC (one), as the document store's log does. CPU per append (user + system, from
 * process.cpuUsage: the libuv thread's share included) and wall time, two rounds each.
 *
 *   npx tsx test/bench/logWriteCost.ts [--appends 2000] [--dir <folder on the disk to measure>]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openStorageFile } from '../../server/storage/StorageFile.js';

const { values } = parseArgs({ options: { appends: { type: 'string', default: '2000' }, dir: { type: 'string', default: os.tmpdir() } } });
const appends = Number(values.appends);
const folder = await mkdtemp(path.join(values.dir, 'coc-log-write-cost-'));
const record = Buffer.alloc(60, 7);

for (const round of [1, 2]) {
  for (const syncedWrites of [false, true]) {
    const file = await openStorageFile(path.join(folder, `log-${round}-${syncedWrites}.bin`), { create: true, syncedWrites });
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < appends; i += 1) {
      await file.write(record, i * record.byteLength);
      if (!file.syncedWrites) await file.datasync();
    }
    const used = process.cpuUsage(cpu);
    const wall = performance.now() - started;
    await file.close();
    const label = syncedWrites ? 'O_DSYNC write      ' : 'write + fdatasync  ';
    console.log(
      `round ${round}: ${label} CPU ${((used.user + used.system) / appends).toFixed(1)} µs, wall ${((wall * 1000) / appends).toFixed(1)} µs per append`,
    );
  }
}
await rm(folder, { recursive: true, force: true });
