import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { VersionView } from '../../../shared/api/versions.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { eventually, openCollabClient, signInCookie, starterDraftId, type CollabClient } from '../../helpers/collabClient.js';
import { ApiClient } from '../../helpers/http.js';
import { freshDatabase } from '../../helpers/postgres.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../helpers/testServer.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The quiet spell after which a changed draft gets its automatic version. */
const QUIET_MS = 600;
const ROUNDS = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function firstParagraph(doc: Y.Doc): Y.XmlText {
  const clause = readOrderedClauses(doc).find((c) => c.body.length > 0)!;
  return (clause.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

async function serverText(server: TestServer, draftId: string): Promise<string> {
  return server.rooms.read(draftId, (doc) => firstParagraph(doc).toString());
}

describe('automatic versions with several processes holding one draft', () => {
  it('saves exactly one automatic version per quiet spell, though both processes schedule one', async () => {
    const url = await freshDatabase();
    const env = { DATABASE_URL: url, REDIS_URL, AUTO_SNAPSHOT_QUIET_MINUTES: String(QUIET_MS / 60_000) };
    const [a, b] = await Promise.all([startTestServer({ env }), startTestServer({ env })]);
    const draftId = await starterDraftId(a);
    const onA: CollabClient = await openCollabClient(a, { draftId, cookie: await signInCookie(a, 'us@example.org') });
    const onB: CollabClient = await openCollabClient(b, { draftId, cookie: await signInCookie(b, 'dk@example.org') });
    const reviewer = await new ApiClient(a.url).signIn('reviewer@example.org', TEST_PASSWORD);
    const automatic = async () =>
      ((await reviewer.get(`/api/drafts/${draftId}/versions`)).body as VersionView[]).filter((v) => v.kind === 'automatic');

    for (let round = 1; round <= ROUNDS; round++) {
      // Edits arrive on both processes at once; each hears the other's through the fan-out, so both
      // schedule an automatic version of the same state for the same moment.
      firstParagraph(onA.doc).insert(0, `A${round} `);
      firstParagraph(onB.doc).insert(0, `B${round} `);
      for (const server of [a, b]) {
        await expect.poll(() => serverText(server, draftId)).toMatch(new RegExp(`^(A${round} B${round}|B${round} A${round}) `));
      }
      await expect.poll(async () => (await automatic()).length, { timeout: 5000 }).toBeGreaterThanOrEqual(round);
      await sleep(QUIET_MS * 3);
      expect((await automatic()).length, `after round ${round}`).toBe(round);
    }
    // The one version saved holds both processes' edits.
    const latest = (await automatic())[0]!;
    const detail = await reviewer.get(`/api/drafts/${draftId}/versions/${latest.id}`);
    expect(JSON.stringify(detail.body.text)).toMatch(new RegExp(`(A${ROUNDS} B${ROUNDS}|B${ROUNDS} A${ROUNDS}) `));
    await eventually(() => onA.closes.length === 0 && onB.closes.length === 0, 'both clients to stay connected');
  });
});
