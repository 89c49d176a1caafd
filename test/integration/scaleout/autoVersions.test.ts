import { describe, expect, it } from 'vitest';
import type { VersionView } from '../../../shared/api/versions.js';
import { eventually, starterDraftId, type CollabClient } from '../../helpers/collabClient.js';
import { ApiClient } from '../../helpers/http.js';
import { firstParagraph, openDraftAs, twoProcesses } from '../../helpers/scaleOut.js';
import { TEST_PASSWORD, type TestServer } from '../../helpers/testServer.js';

/** The quiet spell after which a changed draft gets its automatic version. */
const QUIET_MS = 600;
const ROUNDS = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function serverText(server: TestServer, draftId: string): Promise<string> {
  return server.rooms.read(draftId, (doc) => firstParagraph(doc).toString());
}

describe('automatic versions with several processes holding one draft', () => {
  it('saves exactly one automatic version per quiet spell, though both processes schedule one', async () => {
    const [a, b] = await twoProcesses({ env: { AUTO_SNAPSHOT_QUIET_MINUTES: String(QUIET_MS / 60_000) } });
    const draftId = await starterDraftId(a);
    const onA: CollabClient = await openDraftAs(a, draftId, 'us@example.org');
    const onB: CollabClient = await openDraftAs(b, draftId, 'dk@example.org');
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
