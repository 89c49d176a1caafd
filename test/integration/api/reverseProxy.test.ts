import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODE } from '../../../shared/collab/closeCodes.js';
import { rawUpgrade, starterDraftId } from '../../helpers/collabClient.js';
import { ApiClient } from '../../helpers/http.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../helpers/testServer.js';

/** The address users reach the app at; the proxy in front forwards to the server under another Host. */
const PUBLIC = 'https://drafting.example.org';

describe('behind a reverse proxy, with PUBLIC_URL set and the proxy passing another Host', () => {
  let server: TestServer;
  let secretariat: ApiClient;
  let draftId: string;
  const metadata = () => readFile(path.join(server.dataDir, 'metadata.json'), 'utf8');

  beforeAll(async () => {
    server = await startTestServer({ env: { PUBLIC_URL: PUBLIC, TRUST_PROXY: 'loopback' } });
    secretariat = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
    draftId = await starterDraftId(server);
  });

  it('accepts API writes and sockets from the public origin', async () => {
    const res = await secretariat.request(
      'POST',
      '/api/drafts',
      { title: 'Through the proxy' },
      { origin: PUBLIC, 'x-forwarded-proto': 'https' },
    );
    expect(res.status).toBe(201);
    const drafts = (await secretariat.get('/api/drafts')).body as Array<{ title: string }>;
    expect(drafts.map((d) => d.title)).toContain('Through the proxy');
    expect(await rawUpgrade(server, `/collab/${draftId}`, { cookie: secretariat.cookie!, origin: PUBLIC })).toEqual({
      status: 101,
      closeCode: null,
    });
  });

  it.each([
    ['a host that only starts like it', `${PUBLIC}.evil`],
    ['credentials before another host', `${PUBLIC}@evil.example`],
    ['another scheme', PUBLIC.replace('https:', 'http:')],
    ['another port', `${PUBLIC}:8443`],
    ['an empty Origin', ''],
  ])('refuses %s, for API writes and sockets, storing nothing', async (_name, origin) => {
    const before = await metadata();
    const res = await secretariat.request('POST', '/api/drafts', { title: 'Forged' }, { origin });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('BAD_ORIGIN');
    expect(await metadata()).toBe(before);
    expect(await rawUpgrade(server, `/collab/${draftId}`, { cookie: secretariat.cookie!, origin })).toEqual({
      status: 101,
      closeCode: CLOSE_CODE.BAD_ORIGIN,
    });
  });
});
