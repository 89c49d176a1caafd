import { beforeAll, describe, expect, it } from 'vitest';
import { AUTOMATIC_VERSION_LABEL, VersionDetail, type VersionView } from '../../../shared/api/versions.js';
import { openCollabClient, signInCookie, starterDraftId, type CollabClient } from '../../helpers/collabClient.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { operativeIds, serverParagraphs, signInAll, typeInto } from './versionHelpers.js';

const QUIET_MS = 800;
const MAX_INTERVAL_MS = 2000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('automatic snapshots when a draft changed and went quiet', () => {
  let server: TestServer;
  let draftId: string;
  let editor: CollabClient;
  let op: string[];
  let as: Awaited<ReturnType<typeof signInAll>>;

  beforeAll(async () => {
    server = await startTestServer({
      env: { AUTO_SNAPSHOT_QUIET_MINUTES: String(QUIET_MS / 60_000), AUTO_SNAPSHOT_MAX_INTERVAL_MINUTES: String(MAX_INTERVAL_MS / 60_000) },
    });
    draftId = await starterDraftId(server);
    as = await signInAll(server);
    editor = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'no@example.org') });
    op = operativeIds(editor.doc);
  });

  const automatic = async () =>
    ((await as.reviewer.get(`/api/drafts/${draftId}/versions`)).body as VersionView[]).filter((v) => v.kind === 'automatic');

  it('saves an automatic version, labelled as such and without author, once edits stop', async () => {
    expect(await automatic()).toHaveLength(0);
    typeInto(editor.doc, op[0]!, 0, 'QUIET AFTER THIS ');
    await expect.poll(automatic, { timeout: 5000 }).toHaveLength(1);
    const [snapshot] = await automatic();
    expect(snapshot).toMatchObject({ label: AUTOMATIC_VERSION_LABEL, author: null, revision: null });
    const text = VersionDetail.parse((await as.reviewer.get(`/api/drafts/${draftId}/versions/${snapshot!.id}`)).body).text;
    expect(JSON.stringify(text.clauses.find((c) => c.id === op[0]))).toContain('QUIET AFTER THIS');

    // Nothing changed since: no second one.
    await sleep(QUIET_MS * 3);
    expect(await automatic()).toHaveLength(1);
  });

  it('skips the automatic version when the latest version already holds the same state', async () => {
    const before = (await automatic()).length;
    typeInto(editor.doc, op[1]!, 0, 'SAVED BY HAND ');
    await expect.poll(async () => (await serverParagraphs(server, draftId, op[1]!))[0]).toMatch(/^SAVED BY HAND/);
    expect((await as.delegate.post(`/api/drafts/${draftId}/versions`, { label: 'By hand' })).status).toBe(201);
    await sleep(QUIET_MS * 3);
    expect(await automatic()).toHaveLength(before);
  });

  it('saves during continuous editing at the latest after the longest interval', async () => {
    const before = (await automatic()).length;
    const start = Date.now();
    let n = 0;
    // A keystroke every 100 ms never leaves the draft quiet for 800 ms.
    while (Date.now() - start < MAX_INTERVAL_MS + 1200) {
      typeInto(editor.doc, op[2]!, 0, `${n++} `);
      await sleep(100);
    }
    expect((await automatic()).length).toBeGreaterThan(before);
  });
});
