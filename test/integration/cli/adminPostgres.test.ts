import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../helpers/http.js';
import { freshDatabase } from '../../helpers/postgres.js';
import { startTestServer, TEST_PASSWORD } from '../../helpers/testServer.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const exec = promisify(execFile);

async function admin(env: Record<string, string>, ...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/cli/admin.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, PUBLIC_URL: 'https://drafting.example.org', ...env },
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

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
