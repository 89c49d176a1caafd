import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../helpers/http.js';
import { manualClock, startTestServer, TEST_PASSWORD } from '../../helpers/testServer.js';

const tokenOf = (url: string) => url.split('/invitation/')[1]!;

describe('members, invitations and delegations', () => {
  it('invites a member who sets a password through the one-time link and is signed in', async () => {
    const server = await startTestServer();
    const secretariat = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
    const delegation = await secretariat.post('/api/delegations', { name: 'Canada' });
    expect(delegation.status).toBe(201);
    const created = await secretariat.post('/api/members', {
      email: 'ca@example.org',
      name: 'Canada delegate',
      role: 'delegate',
      delegationId: delegation.body.id,
    });
    expect(created.status).toBe(201);
    expect(created.body.member).toMatchObject({ email: 'ca@example.org', hasPassword: false, active: true });
    expect(created.body.invitationUrl).toMatch(new RegExp(`^${server.url}/invitation/[A-Za-z0-9_-]{43}$`));

    // Before accepting, the member cannot sign in at all.
    const early = await new ApiClient(server.url).post('/api/session', { email: 'ca@example.org', password: 'whatever password' });
    expect(early.body.error.code).toBe('INVALID_CREDENTIALS');

    const member = new ApiClient(server.url);
    const token = tokenOf(created.body.invitationUrl);
    expect((await member.get(`/api/invitations/${token}`)).body).toEqual({ email: 'ca@example.org', name: 'Canada delegate' });
    expect((await member.post(`/api/invitations/${token}/accept`, { password: 'short' })).body.error.code).toBe('VALIDATION_FAILED');
    const accepted = await member.post(`/api/invitations/${token}/accept`, { password: 'maple leaf forever' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ email: 'ca@example.org', delegation: { name: 'Canada' } });
    expect((await member.get('/api/drafts')).status).toBe(200);

    // The link is spent.
    const again = await new ApiClient(server.url).post(`/api/invitations/${token}/accept`, { password: 'another password!' });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('INVITATION_INVALID');
    await new ApiClient(server.url).signIn('ca@example.org', 'maple leaf forever');
  });

  it('lets an invitation expire after seven days', async () => {
    const clock = manualClock();
    const server = await startTestServer({ clock });
    const secretariat = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
    const created = await secretariat.post('/api/members', { email: 'late@example.org', name: 'Late', role: 'reviewer' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    clock.advance(7 * 24 * 3600_000 + 1);
    const res = await new ApiClient(server.url).get(`/api/invitations/${tokenOf(created.body.invitationUrl)}`);
    expect(res.body.error.code).toBe('INVITATION_INVALID');
    // The secretariat's own session has expired by now too; a fresh sign-in issues a new link.
    await secretariat.signIn('secretariat@example.org', TEST_PASSWORD);
    const reissued = await secretariat.post(`/api/members/${created.body.member.id}/invitation`);
    expect((await new ApiClient(server.url).get(`/api/invitations/${tokenOf(reissued.body.invitationUrl)}`)).status).toBe(200);
  });

  it('ends every session of a deactivated member at once, and they cannot sign in again', async () => {
    const server = await startTestServer();
    const secretariat = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
    const first = await new ApiClient(server.url).signIn('no@example.org', TEST_PASSWORD);
    const second = await new ApiClient(server.url).signIn('no@example.org', TEST_PASSWORD);
    const members = (await secretariat.get('/api/members')).body as Array<{ id: string; email: string }>;
    const norway = members.find((m) => m.email === 'no@example.org')!;
    const res = await secretariat.patch(`/api/members/${norway.id}`, { active: false });
    expect(res.body.active).toBe(false);
    expect((await first.get('/api/me')).status).toBe(401);
    expect((await second.get('/api/me')).status).toBe(401);
    const retry = await new ApiClient(server.url).post('/api/session', { email: 'no@example.org', password: TEST_PASSWORD });
    expect(retry.body.error.code).toBe('INVALID_CREDENTIALS');
    await secretariat.patch(`/api/members/${norway.id}`, { active: true });
    await new ApiClient(server.url).signIn('no@example.org', TEST_PASSWORD);
  });

  it('changes a member role and delegation, which takes effect on their next sign-in', async () => {
    const server = await startTestServer();
    const secretariat = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
    const members = (await secretariat.get('/api/members')).body as Array<{ id: string; email: string }>;
    const reviewer = members.find((m) => m.email === 'reviewer@example.org')!;
    const denmark = ((await secretariat.get('/api/delegations')).body as Array<{ id: string; name: string }>).find(
      (d) => d.name === 'Denmark',
    )!;
    const asReviewer = await new ApiClient(server.url).signIn('reviewer@example.org', TEST_PASSWORD);
    const res = await secretariat.patch(`/api/members/${reviewer.id}`, { role: 'delegate', delegationId: denmark.id });
    expect(res.status).toBe(200);
    expect((await asReviewer.get('/api/me')).status).toBe(401);
    const again = await new ApiClient(server.url).signIn('reviewer@example.org', TEST_PASSWORD);
    expect((await again.get('/api/me')).body).toMatchObject({ role: 'delegate', delegation: { name: 'Denmark' } });
    const noDelegation = await secretariat.patch(`/api/members/${reviewer.id}`, { delegationId: null });
    expect(noDelegation.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('keeps at least one active secretariat member', async () => {
    const server = await startTestServer();
    const secretariat = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
    const me = (await secretariat.get('/api/me')).body;
    const res = await secretariat.patch(`/api/members/${me.id}`, { active: false });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('LAST_SECRETARIAT');
    expect((await secretariat.get('/api/me')).status).toBe(200);
  });

  it('creates, renames, archives and unarchives drafts', async () => {
    const server = await startTestServer();
    const secretariat = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
    const delegate = await new ApiClient(server.url).signIn('dk@example.org', TEST_PASSWORD);
    const created = await secretariat.post('/api/drafts', { title: 'Terms of reference', template: 'blank' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await delegate.get('/api/drafts')).body.map((d: { id: string }) => d.id)).toContain(id);
    expect((await secretariat.patch(`/api/drafts/${id}`, { title: 'Terms of reference (rev.)' })).body.title).toBe(
      'Terms of reference (rev.)',
    );
    expect((await secretariat.patch(`/api/drafts/${id}`, { archived: true })).body.archived).toBe(true);
    const listed = (await delegate.get('/api/drafts')).body.find((d: { id: string }) => d.id === id);
    expect(listed).toMatchObject({ title: 'Terms of reference (rev.)', archived: true });
    expect((await secretariat.patch(`/api/drafts/${id}`, { archived: false })).body.archived).toBe(false);
  });
});
