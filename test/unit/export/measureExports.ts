/**
 * Measures rendering a 100-clause draft in every export format: `npx tsx test/unit/export/measureExports.ts`.
 * Prints, per format, the first (cold) render time, the median of ten warm renders and the file size.
 * Not a test (it asserts nothing); the numbers go into reports and can move to test/bench.
 */
import { performance } from 'node:perf_hooks';
import { renderExport } from '../../../server/export/renderExport.js';
import { EXPORT_FORMATS } from '../../../shared/export/exportFormats.js';
import { largeDraft } from './drafts.js';

const RUNS = 10;

async function main(): Promise<void> {
  let start = performance.now();
  const draft = largeDraft(100);
  console.log(`build Y.Doc + draftTextFromDoc, 100 clauses: ${(performance.now() - start).toFixed(1)} ms`);
  for (const format of EXPORT_FORMATS) {
    start = performance.now();
    const file = await renderExport(draft, format);
    const cold = performance.now() - start;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      start = performance.now();
      await renderExport(draft, format);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(RUNS / 2)]!;
    console.log(
      `${format.padEnd(5)} cold ${cold.toFixed(1).padStart(7)} ms  warm median ${median.toFixed(1).padStart(7)} ms  ${(file.bytes.length / 1024).toFixed(1).padStart(7)} KiB  ${file.fileName}`,
    );
  }
}

await main();
