import { describe, expect, it } from 'vitest';
import { runAdmin, type AdminRun } from '../../helpers/adminCli.js';
import { ApiClient } from '../../helpers/http.js';
import { freshDatabase } from '../../helpers/postgres.js';
import { startTestServer, TEST_PASSWORD } from '../../helpers/testServer.js';

/** Runs `npm run admin -- ...args` with `env` (DATABASE_URL). */
const admin = (env: Record<string, string>, ...args: string[]): Promise<AdminRun> =>
  runAdmin({ PUBLIC_URL: 'https://drafting.example.org', ...env }, ...args);

describe('npm run admin on PostgreSQL (DATABASE_URL)', () => {
  it('works on the database while a server runs on it, and the server sees the result', async () => {
    const url = await freshDatabase();
    const server = await startTestServer({ env: { DATABASE_URL: url } });
    const added = await admin({ DATABASE_URL: url }, 'delegations', 'add', '--name', 'Iceland');
    expect(added, added.out).toMatchObject({ code: 0 });
    const listed = await admin({ DATABASE_URL: url }, 'members', 'list');
    expect(listed.code).toBe(0);
    expect(listed.out).toContain('us@example.org');
    const api = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
    const delegations = (await api.get('/api/delegations')).body as Array<{ name: string }>;
    expect(delegations.map((d) => d.name)).toContain('Iceland');
  });
});
