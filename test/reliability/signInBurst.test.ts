import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { trackSaved, type SavedTracker } from '../../shared/collab/trackSaved.js';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { eventually, openCollabClient, type CollabClient } from '../helpers/collabClient.js';
import { ApiClient } from '../helpers/http.js';
import { reportFigure } from '../helpers/reportFigure.js';
import { restartableServer, type RestartableServer } from '../helpers/restartableServer.js';
import { TEST_PASSWORD } from '../helpers/testServer.js';

const BURST = 200;
/** What a burst may do to an honest write: at most this slow, or this many times the quiet level, whichever is larger. */
const BOUND = { ms: 1500, times: 5 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const max = (values: number[]) => Math.max(...values);
const p50 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe(`a burst of ${BURST} sign-ins does not stall saving for everyone else`, () => {
  let server: RestartableServer;
  let author: ApiClient;
  let draftId: string;
  let clauseId: string;
  let editor: CollabClient;
  let saved: SavedTracker;
  let isSaved = false;

  beforeAll(async () => {
    server = await restartableServer({ TRUST_PROXY: 'loopback' });
    await server.start();
    author = await new ApiClient(server.target.url).signIn('reviewer@example.org', TEST_PASSWORD);
    draftId = (await author.get('/api/drafts')).body[0].id;
    const delegate = await new ApiClient(server.target.url).signIn('us@example.org', TEST_PASSWORD);
    editor = await openCollabClient(server.target, { draftId, cookie: delegate.cookie! });
    saved = trackSaved(editor.provider, (value) => (isSaved = value));
    clauseId = readOrderedClauses(editor.doc).find((c) => c.kind === 'operative')!.id;
  });
  afterAll(async () => {
    saved?.destroy();
    await server?.dispose();
  });

  /** How long a comment takes to be stored (HTTP 201 after the durable write). */
  async function commentWrite(): Promise<number> {
    const started = performance.now();
    const res = await author.post(`/api/drafts/${draftId}/comments`, { clauseId, body: 'A comment while others sign in.' });
    expect(res.status).toBe(201);
    return performance.now() - started;
  }

  /** How long an edit takes until the server reports it saved. */
  async function editSaved(): Promise<number> {
    const started = performance.now();
    readOrderedClauses(editor.doc)
      .find((c) => c.id === clauseId)!
      .heading.insert(0, 'x');
    await eventually(() => isSaved, 'the edit to be saved', 30_000);
    return performance.now() - started;
  }

  /** Comment writes and saved edits, one after another, until `done` settles. */
  async function measureDuring(done: Promise<unknown>): Promise<{ comments: number[]; edits: number[] }> {
    let finished = false;
    void done.finally(() => (finished = true));
    const comments: number[] = [];
    const edits: number[] = [];
    while (!finished || comments.length < 3) {
      comments.push(await commentWrite());
      edits.push(await editSaved());
    }
    return { comments, edits };
  }

  let quiet: { comments: number[]; edits: number[] };

  it('measures the quiet level first', async () => {
    const comments: number[] = [];
    const edits: number[] = [];
    for (let i = 0; i < 8; i++) {
      comments.push(await commentWrite());
      edits.push(await editSaved());
      await sleep(50);
    }
    quiet = { comments, edits };
    reportFigure('quiet: comment write p50 / max (ms)', `${p50(comments).toFixed(0)} / ${max(comments).toFixed(0)}`);
    reportFigure('quiet: edit until saved p50 / max (ms)', `${p50(edits).toFixed(0)} / ${max(edits).toFixed(0)}`);
  });

  for (const [name, addressOf] of [
    ['unknown emails from one address', () => undefined],
    ['unknown emails from 200 addresses', (i: number) => `198.51.${Math.floor(i / 250)}.${i % 250}`],
  ] as const) {
    it(`keeps comment writes and saved edits within the bound during ${BURST} sign-ins with ${name}`, async () => {
      const statuses = new Map<number, number>();
      const burst = Promise.all(
        Array.from({ length: BURST }, async (_, i) => {
          const address = addressOf(i);
          const res = await new ApiClient(server.target.url).request(
            'POST',
            '/api/session',
            { email: `stranger${i}@example.org`, password: `guess number ${i}` },
            address ? { 'x-forwarded-for': address } : {},
          );
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }),
      );
      const during = await measureDuring(burst);
      await burst;
      const answered = [...statuses].map(([status, count]) => `${count} × ${status}`).join(', ');
      reportFigure(`burst of ${BURST} sign-ins (${name}): answers`, answered);
      reportFigure(
        `burst (${name}): comment write p50 / max (ms)`,
        `${p50(during.comments).toFixed(0)} / ${max(during.comments).toFixed(0)}`,
      );
      reportFigure(`burst (${name}): edit until saved p50 / max (ms)`, `${p50(during.edits).toFixed(0)} / ${max(during.edits).toFixed(0)}`);
      expect(statuses.get(200) ?? 0).toBe(0);
      expect((statuses.get(401) ?? 0) + (statuses.get(429) ?? 0)).toBe(BURST);
      expect(max(during.comments)).toBeLessThanOrEqual(Math.max(BOUND.ms, BOUND.times * max(quiet.comments)));
      expect(max(during.edits)).toBeLessThanOrEqual(Math.max(BOUND.ms, BOUND.times * max(quiet.edits)));
    }, 120_000);
  }

  it('still signs the members in afterwards', async () => {
    await sleep(1100);
    expect(
      (await new ApiClient(server.target.url).request('POST', '/api/session', { email: 'au@example.org', password: TEST_PASSWORD })).status,
    ).toBe(200);
    expect(Y.encodeStateVector(editor.doc).byteLength).toBeGreaterThan(0);
  });
});
