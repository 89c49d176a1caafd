import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAdmin, type AdminRun } from '../../helpers/adminCli.js';
import { ApiClient } from '../../helpers/http.js';
import { startTestServer, TEST_PASSWORD } from '../../helpers/testServer.js';

/** Runs `npm run admin -- ...args` on `dataDir`. */
const admin = (dataDir: string, ...args: string[]): Promise<AdminRun> =>
  runAdmin({ DATA_DIR: dataDir, PUBLIC_URL: 'https://drafting.example.org' }, ...args);

describe('npm run admin', () => {
  it('sets up a workspace headlessly: a delegation, a secretariat member whose link works once the server starts', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'coc-cli-'));
    expect((await admin(dataDir, 'delegations', 'add', '--name', 'Canada')).code).toBe(0);
    const added = await admin(
      dataDir,
      'members',
      'add',
      '--email',
      'Head@Example.org',
      '--name',
      'Head of secretariat',
      '--role',
      'secretariat',
    );
    expect(added.code).toBe(0);
    const link = /https:\/\/drafting\.example\.org\/invitation\/([A-Za-z0-9_-]{43})/.exec(added.out);
    expect(link).not.toBeNull();
    const delegate = await admin(
      dataDir,
      'members',
      'add',
      '--email',
      'ca@example.org',
      '--name',
      'Canada delegate',
      '--role',
      'delegate',
      '--delegation',
      'canada',
    );
    expect(delegate.code).toBe(0);
    const listed = await admin(dataDir, 'members', 'list');
    expect(listed.out).toContain('head@example.org\tHead of secretariat\tsecretariat\t\tinvited');
    expect(listed.out).toContain('ca@example.org\tCanada delegate\tdelegate\tCanada\tinvited');

    // A store set up by the CLI is not seeded with the demo workspace.
    const server = await startTestServer({ dataDir });
    const head = new ApiClient(server.url);
    expect((await head.post(`/api/invitations/${link![1]}/accept`, { password: 'a long enough password' })).status).toBe(200);
    const members = (await head.get('/api/members')).body as Array<{ email: string }>;
    expect(members.map((m) => m.email).sort()).toEqual(['ca@example.org', 'head@example.org']);
    expect((await head.get('/api/drafts')).body).toEqual([]);
    expect((await new ApiClient(server.url).post('/api/session', { email: 'us@example.org', password: TEST_PASSWORD })).status).toBe(401);

    // While the server holds the data folder, the CLI refuses rather than write behind its back.
    const refused = await admin(dataDir, 'delegations', 'add', '--name', 'Mexico');
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('in use by another process');
  });

  it('fails with a clear message and exit code 1 on bad input, writing nothing', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'coc-cli-'));
    const bad = await admin(
      dataDir,
      'members',
      'add',
      '--email',
      'x@example.org',
      '--name',
      'X',
      '--role',
      'delegate',
      '--delegation',
      'Atlantis',
    );
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('No delegation named "Atlantis"');
    const noRole = await admin(dataDir, 'members', 'add', '--email', 'x@example.org', '--name', 'X', '--role', 'king');
    expect(noRole.code).toBe(1);
    expect(noRole.out).toContain('VALIDATION_FAILED');
    expect((await admin(dataDir, 'members', 'list')).out.trim()).toBe('');
  });

  it('a second server on the same data folder refuses to start', async () => {
    const first = await startTestServer();
    await expect(startTestServer({ dataDir: first.dataDir })).rejects.toThrow(/in use by another process/);
    expect((await new ApiClient(first.url).post('/api/session', { email: 'us@example.org', password: TEST_PASSWORD })).status).toBe(200);
  });
});
