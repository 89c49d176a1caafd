import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../helpers/http.js';
import { spawnServer } from '../../helpers/spawnServer.js';
import { startTestServer, TEST_PASSWORD } from '../../helpers/testServer.js';

const tempDir = () => mkdtemp(path.join(os.tmpdir(), 'coc-seed-'));

describe('seeding the demo workspace', () => {
  it('creates the four delegations, six members and the starter draft on an empty store', async () => {
    const server = await startTestServer();
    const secretariat = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
    const delegations = (await secretariat.get('/api/delegations')).body.map((d: { name: string }) => d.name);
    expect(delegations).toEqual(['Australia', 'Denmark', 'Norway', 'United States']);
    const members = (await secretariat.get('/api/members')).body as Array<{ email: string; role: string; delegationId: string | null }>;
    expect(members.map((m) => `${m.email}:${m.role}`).sort()).toEqual([
      'au@example.org:delegate',
      'dk@example.org:delegate',
      'no@example.org:delegate',
      'reviewer@example.org:reviewer',
      'secretariat@example.org:secretariat',
      'us@example.org:delegate',
    ]);
    expect(members.filter((m) => m.role === 'delegate').every((m) => m.delegationId)).toBe(true);
    const drafts = (await secretariat.get('/api/drafts')).body;
    expect(drafts).toHaveLength(1);
    expect(drafts[0].title).toBe('Code of Conduct on Export Controls and Human Rights');
  });

  it('never seeds a store that already holds data, even after everything seeded was changed', async () => {
    const first = await startTestServer({ keepData: true });
    const secretariat = await new ApiClient(first.url).signIn('secretariat@example.org', TEST_PASSWORD);
    const draftId = (await secretariat.get('/api/drafts')).body[0].id;
    await secretariat.patch(`/api/drafts/${draftId}`, { title: 'Renamed by the secretariat' });
    await first.close();

    const second = await startTestServer({ dataDir: first.dataDir });
    const again = await new ApiClient(second.url).signIn('secretariat@example.org', TEST_PASSWORD);
    const drafts = (await again.get('/api/drafts')).body;
    expect(drafts.map((d: { title: string }) => d.title)).toEqual(['Renamed by the secretariat']);
    expect((await again.get('/api/members')).body).toHaveLength(6);
  });

  it('prints random passwords once on first start when SEED_PASSWORD is unset, and they work', async () => {
    const dataDir = await tempDir();
    const first = spawnServer({ DATA_DIR: dataDir, SEED_PASSWORD: '' });
    const url = await first.ready;
    const line = first
      .output()
      .split('\n')
      .find((l) => l.trim().startsWith('dk@example.org'))!;
    const password = line.trim().split(/\s+/)[1]!;
    expect(password.length).toBeGreaterThanOrEqual(16);
    await new ApiClient(url).signIn('dk@example.org', password);
    expect(await readFile(path.join(dataDir, 'metadata.json'), 'utf8')).not.toContain(password);
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);

    const second = spawnServer({ DATA_DIR: dataDir, SEED_PASSWORD: '' });
    await second.ready;
    expect(second.output()).not.toContain('dk@example.org');
    second.child.kill('SIGTERM');
    await second.exited;
  });

  it('refuses to start on a metadata file that cannot be parsed, and leaves it untouched', async () => {
    const dataDir = await tempDir();
    const file = path.join(dataDir, 'metadata.json');
    await writeFile(file, '{"schemaVersion":1,"users":[{"email":');
    const server = spawnServer({ DATA_DIR: dataDir });
    const { code } = await server.exited;
    expect(code).toBe(1);
    expect(server.output()).toContain('cannot be parsed');
    expect(server.output()).toContain(file);
    expect(await readFile(file, 'utf8')).toBe('{"schemaVersion":1,"users":[{"email":');
  });

  it('refuses to start with an invalid configuration and says which variable is wrong', async () => {
    const server = spawnServer({ DATA_DIR: await tempDir(), PORT: 'eighty' });
    expect((await server.exited).code).toBe(1);
    expect(server.output()).toContain('PORT');
  });
});
