/**
 * Editor benchmark (not a test; vitest ignores test/bench): how fast the draft page opens and how
 * quickly a keystroke is painted, in drafts of 1, 100 and 300 clauses, in Debian's Chromium through
 * playwright-core against the real server. Needs the built client (`npx vite build`).
 *
 *   npm run bench:editor -- [--runs 3] [--keys 60] [--sizes 1,100,300] [--modes direct,amendments] [--profile <folder>] [--client <folder>]
 *
 * Figures, per draft size (medians over the runs):
 * - readable: from navigation start until every clause of the draft is on the page (text previews);
 * - first editor: until the first clause editor is mounted and can take typing;
 * - key-to-paint: from a key event to the frame after the editor applied it (median and 95th
 *   percentile over `--keys` keystrokes typed into a clause in the middle of the draft), while another
 *   person types into the same draft from a Node client.
 *
 * Each size is measured in each editing mode of `--modes`: `direct`, and `amendments`, where the delegate's
 * typing becomes proposals (insertion marks, checked by the server against the amendment rules).
 *
 * With `--profile <folder>`, the typing of each size's first run is also recorded there, to see where a
 * keystroke's time goes: a Chrome trace (`editor-<size>.trace.json`, open in DevTools' Performance panel)
 * and a JavaScript CPU profile (`editor-<size>.cpuprofile`). Recording slows the page, so the figures of
 * a profiled run are not comparable with those of a plain one.
 *
 * `--client <folder>` serves another build of the client than dist/client (e.g. a copy of an earlier one),
 * to compare two builds on the same machine within minutes of each other.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { COLLAB_PATH_PREFIX } from '../../shared/collab/collabPath.js';
import { trackSaved } from '../../shared/collab/trackSaved.js';
import { addClause } from '../../shared/doc/addClause.js';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { loadConfig } from '../../server/config.js';
import { startServer, type RunningServer } from '../../server/startServer.js';
import { ApiClient } from '../helpers/http.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, signInThroughForm, webSocketWithHeaders } from './benchChromium.js';

/** Password of the demo accounts in the benchmark's throw-away data folder. */
const BENCH_PASSWORD = 'bench password, not a secret';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    keys: { type: 'string', default: '60' },
    sizes: { type: 'string', default: '1,100,300' },
    modes: { type: 'string', default: 'direct,amendments' },
    profile: { type: 'string' },
    client: { type: 'string' },
  },
});
const RUNS = Number(values.runs);
const KEYS = Number(values.keys);
const SIZES = values.sizes.split(',').map(Number);
const MODES = values.modes.split(',').map((mode) => {
  if (mode !== 'direct' && mode !== 'amendments') throw new Error(`--modes: unknown editing mode ${mode}`);
  return mode;
});
const PROFILE_DIR = values.profile ? path.resolve(values.profile) : null;
const PARAGRAPH =
  'Subscribing States will take into account the risk that an export could be used in connection with serious violations or abuses of human rights when reviewing licence applications for dual-use goods and technologies, and will share information on such risks.';

interface Result {
  clauses: number;
  mode: 'direct' | 'amendments';
  runs: Figures[];
}

/** Where the profile of a mode's first run goes (one folder per mode, so they do not overwrite each other). */
function profileFolder(mode: string): string | null {
  return PROFILE_DIR && MODES.length > 1 ? path.join(PROFILE_DIR, mode) : PROFILE_DIR;
}

interface Figures {
  readableMs: number;
  firstEditorMs: number;
  keyToPaint: number[];
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'coc-bench-'));
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_PASSWORD: BENCH_PASSWORD });
const server = await startServer(values.client ? { ...config, clientDir: path.resolve(values.client) } : config, { quiet: true });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
try {
  const secretariat = await new ApiClient(server.url).signIn('secretariat@example.org', BENCH_PASSWORD);
  const results: Result[] = [];
  for (const size of SIZES) {
    const created = await secretariat.post('/api/drafts', { title: `Benchmark draft of ${size}`, template: 'blank' });
    const draftId = (created.body as { id: string }).id;
    const writer = await openNodeClient(server, secretariat.cookie!, draftId);
    await fill(writer, size);
    for (const mode of MODES) {
      const switched = await secretariat.patch(`/api/drafts/${draftId}`, { editingMode: mode });
      if (switched.status !== 200) throw new Error(`could not switch the draft to ${mode}: ${switched.status}`);
      const runs: Figures[] = [];
      for (let run = 0; run < RUNS; run += 1)
        runs.push(await measure(browser, server, draftId, size, mode, writer, run === 0 ? profileFolder(mode) : null));
      results.push({ clauses: size, mode, runs });
    }
    writer.destroy();
    writer.doc.destroy();
  }
  report(results);
} finally {
  await browser.close();
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
}

async function openNodeClient(running: RunningServer, cookie: string, draftId: string): Promise<WebsocketProvider> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${running.port}${COLLAB_PATH_PREFIX.slice(0, -1)}`, draftId, doc, {
    WebSocketPolyfill: webSocketWithHeaders({ cookie, origin: running.url }),
    disableBc: true,
  });
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return provider;
}

/** Adds clauses (a few sections, then alternating preambular and operative) and waits until they are on disk. */
async function fill(provider: WebsocketProvider, size: number): Promise<void> {
  const doc = provider.doc;
  doc.transact(() => {
    for (let i = 0; i < size; i += 1) {
      const kind = size > 1 && i % 20 === 0 ? 'section' : i < size / 3 ? 'preambular' : 'operative';
      addClause(doc, {
        kind,
        heading: kind === 'section' ? `Part ${i / 20 + 1}` : i % 3 === 0 ? `Heading ${i}` : '',
        paragraphs: kind === 'section' ? [] : [PARAGRAPH, PARAGRAPH.slice(0, 120)],
      });
    }
  });
  // The tracker stays subscribed for the client's life: the server keeps sending saved messages.
  await new Promise<void>((resolve) => trackSaved(provider, (saved) => saved && resolve()));
}

async function measure(
  browser: Browser,
  running: RunningServer,
  draftId: string,
  size: number,
  mode: Result['mode'],
  writer: WebsocketProvider,
  profileDir: string | null,
): Promise<Figures> {
  const context = await browser.newContext({ baseURL: running.url, viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await signInThroughForm(page, 'us@example.org', BENCH_PASSWORD);
  await page.addInitScript({ content: markMilestones(size) });
  await page.goto(`/drafts/${draftId}`);
  await page.waitForFunction(() => (window as unknown as { __bench: { firstEditor?: number } }).__bench.firstEditor !== undefined, null, {
    timeout: 30_000,
  });
  const marks = await page.evaluate(() => (window as unknown as { __bench: { readable: number; firstEditor: number } }).__bench);

  // Type into a clause in the middle of the draft while someone else types elsewhere in it.
  const middle = readOrderedClauses(writer.doc).filter((c) => c.kind !== 'section');
  const target = middle[Math.floor(middle.length / 2)]!;
  const other = middle[0]!;
  const typing = setInterval(() => {
    const text = other.body.get(0);
    if (text instanceof Y.XmlElement) (text.get(0) as Y.XmlText | undefined)?.insert(0, 'x');
  }, 50);
  const keyToPaint = await typeAndTime(page, target.id, profileDir ? { browser, dir: profileDir, size } : null);
  clearInterval(typing);
  // The keystrokes did what the mode says: proposed insertions in amendments mode, plain text otherwise.
  const clause = page.locator(`[data-clause-id="${target.id}"] .clause-body`);
  const proposed = await clause.locator('ins.proposal-insertion').count();
  const typed = (await clause.innerText()).includes('the quick brown fox');
  if (!typed || (mode === 'amendments') !== proposed > 0) {
    throw new Error(`the typing in ${mode} mode did not land as expected (typed: ${typed}, proposed insertions: ${proposed})`);
  }
  await context.close();
  return { readableMs: marks.readable, firstEditorMs: marks.firstEditor, keyToPaint };
}

/**
 * A script for the page, run before its own: notes when all clauses are on the page and when an editor is.
 * A string, because tsx would decorate a compiled function with helpers the page does not have.
 */
function markMilestones(size: number): string {
  return `
    const bench = {};
    window.__bench = bench;
    const observer = new MutationObserver(() => {
      if (bench.readable === undefined && document.querySelectorAll('.clause-list .clause').length >= ${size}) bench.readable = performance.now();
      if (bench.firstEditor === undefined && document.querySelector('.clause-list [contenteditable="true"]')) bench.firstEditor = performance.now();
      if (bench.readable !== undefined && bench.firstEditor !== undefined) observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['contenteditable'] });
  `;
}

async function typeAndTime(
  page: Page,
  clauseId: string,
  profile: { browser: Browser; dir: string; size: number } | null,
): Promise<number[]> {
  const body = page.locator(`[data-clause-id="${clauseId}"] .clause-body [role="textbox"]`);
  await body.scrollIntoViewIfNeeded();
  await body.click();
  await page.locator(`[data-clause-id="${clauseId}"] [contenteditable="true"]`).waitFor();
  await page.keyboard.press('Control+End');
  await page.evaluate(() => {
    const samples: number[] = [];
    (window as unknown as { __samples: number[] }).__samples = samples;
    const channel = new MessageChannel();
    const pending: number[] = [];
    channel.port1.onmessage = () => {
      const start = pending.shift();
      if (start !== undefined) samples.push(performance.now() - start);
    };
    document.addEventListener(
      'keydown',
      (event) => {
        const start = event.timeStamp;
        // The frame after the change: a task queued from requestAnimationFrame runs after that frame painted.
        requestAnimationFrame(() => {
          pending.push(start);
          channel.port2.postMessage(null);
        });
      },
      true,
    );
  });
  const text = 'the quick brown fox jumps over the lazy dog and keeps on typing '.repeat(4).slice(0, KEYS);
  const recording = profile ? await startRecording(page, profile) : null;
  for (const char of text) {
    await page.keyboard.type(char);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  }
  await recording?.();
  return page.evaluate(() => (window as unknown as { __samples: number[] }).__samples);
}

/** Starts a Chrome trace and a CPU profile of the page; the returned function stops both and writes them. */
async function startRecording(
  page: Page,
  { browser, dir, size }: { browser: Browser; dir: string; size: number },
): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  // `blink` and `cc` name what runs inside layout, paint and input handling (e.g. the hit tests of mouse moves).
  const categories = ['devtools.timeline', 'blink', 'cc', 'v8.execute', 'blink.user_timing'];
  await browser.startTracing(page, { path: path.join(dir, `editor-${size}.trace.json`), categories });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    await browser.stopTracing();
    await writeFile(path.join(dir, `editor-${size}.cpuprofile`), JSON.stringify(profile));
    await cdp.detach();
  };
}

function report(results: readonly Result[]): void {
  const median = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
  };
  const p95 = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? NaN;
  };
  console.log(
    `Editor benchmark: ${RUNS} runs per size and mode, ${KEYS} keystrokes per run, headless Chromium (${CHROMIUM_PATH}), another client typing meanwhile.`,
  );
  if (values.client) console.log(`Client build: ${path.resolve(values.client)}`);
  console.log('clauses | mode       | readable (ms) | first editor (ms) | key-to-paint median (ms) | key-to-paint p95 (ms)');
  for (const { clauses, mode, runs } of results) {
    const keys = runs.flatMap((r) => r.keyToPaint);
    console.log(
      [
        String(clauses).padStart(7),
        mode.padEnd(10),
        median(runs.map((r) => r.readableMs))
          .toFixed(0)
          .padStart(13),
        median(runs.map((r) => r.firstEditorMs))
          .toFixed(0)
          .padStart(17),
        median(keys).toFixed(1).padStart(24),
        p95(keys).toFixed(1).padStart(21),
      ].join(' | '),
    );
  }
  const keys = (r: Result) => r.runs.flatMap((run) => run.keyToPaint);
  const change = (longer: number, shorter: number) => `${((longer / shorter - 1) * 100).toFixed(0)} %`;
  // The goals: typing in the longest draft as quick as in the shortest, and proposing as quick as typing
  // directly (each within 20 %, median and p95).
  for (const mode of MODES) {
    const ofMode = results.filter((r) => r.mode === mode);
    const [shortest, longest] = [ofMode[0], ofMode.at(-1)];
    if (shortest && longest && shortest !== longest) {
      console.log(
        `${mode}: key-to-paint, ${longest.clauses} vs ${shortest.clauses} clauses: median ${change(median(keys(longest)), median(keys(shortest)))}, ` +
          `p95 ${change(p95(keys(longest)), p95(keys(shortest)))} (goal: within 20 %)`,
      );
    }
  }
  for (const size of SIZES) {
    const direct = results.find((r) => r.clauses === size && r.mode === 'direct');
    const amendments = results.find((r) => r.clauses === size && r.mode === 'amendments');
    if (!direct || !amendments) continue;
    console.log(
      `${size} clauses: key-to-paint, amendments vs direct: median ${change(median(keys(amendments)), median(keys(direct)))}, ` +
        `p95 ${change(p95(keys(amendments)), p95(keys(direct)))} (goal: within 20 %)`,
    );
  }
}
