import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.js';
import { CLOSE_CODE } from '../../../shared/collab/closeCodes.js';
import { eventually, openCollabClient, starterDraftId } from '../../helpers/collabClient.js';
import { EventStreamReader } from '../../helpers/eventStream.js';
import { ApiClient } from '../../helpers/http.js';
import { reportFigure } from '../../helpers/reportFigure.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../helpers/testServer.js';

/** Sends a sign-in from `address` (as a proxy in front of the server would name it). */
function signInFrom(server: TestServer, email: string, password: string, address?: string) {
  return new ApiClient(server.url).request('POST', '/api/session', { email, password }, address ? { 'x-forwarded-for': address } : {});
}

/** Invites a new member as the secretariat and returns the invitation token. */
async function invite(server: TestServer, member: { email: string; name: string }): Promise<string> {
  const secretariat = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
  const res = await secretariat.post('/api/members', { ...member, role: 'reviewer' });
  expect(res.status).toBe(201);
  return new URL(res.body.invitationUrl).pathname.split('/').pop()!;
}

describe('sign-in limits that hold under concurrency', () => {
  it('evaluates only the free attempts of 60 sent at once for one member, even with the right password among them', async () => {
    const server = await startTestServer();
    const guesses = Array.from({ length: 60 }, (_, i) => (i === 59 ? TEST_PASSWORD : `wrong guess ${i}`));
    const answers = await Promise.all(guesses.map((password) => signInFrom(server, 'au@example.org', password)));
    const evaluated = answers.filter((a) => a.status !== 429);
    expect(evaluated.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    for (const refused of answers.filter((a) => a.status === 429)) {
      expect(refused.body.error.code).toBe('TOO_MANY_ATTEMPTS');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    reportFigure(
      'sign-in burst of 60 simultaneous attempts for one member: evaluated / refused with 429',
      `${evaluated.length} / ${answers.length - evaluated.length}`,
    );
  });

  it('lets the member in from their own address while someone guesses their password from another (TRUST_PROXY)', async () => {
    const server = await startTestServer({ env: { TRUST_PROXY: 'loopback' } });
    for (let i = 0; i < 40; i++) await signInFrom(server, 'au@example.org', `guess ${i}`, '203.0.113.9');
    expect((await signInFrom(server, 'au@example.org', TEST_PASSWORD, '203.0.113.9')).status).toBe(429);
    expect((await signInFrom(server, 'au@example.org', TEST_PASSWORD, '198.51.100.7')).status).toBe(200);
  });

  it('believes X-Forwarded-For only from trusted proxies: without TRUST_PROXY, a changing header does not escape the limit', async () => {
    const server = await startTestServer();
    const answers = [];
    for (let i = 0; i < 40; i++) answers.push((await signInFrom(server, `nobody${i}@example.org`, 'guess', `198.51.100.${i}`)).status);
    expect(answers.filter((s) => s === 401)).toHaveLength(30);
    expect(answers.slice(30).every((s) => s === 429)).toBe(true);
  });

  it('refuses TRUST_PROXY values that would trust anyone, and reads the others', () => {
    const env = { DATA_DIR: '/tmp/unused' };
    expect(() => loadConfig({ ...env, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ ...env, TRUST_PROXY: 'proxy.example' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ ...env, TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ ...env }).trustProxy).toBe(false);
    expect(loadConfig({ ...env, TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ ...env, TRUST_PROXY: 'loopback, 10.0.0.0/8,::1' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', '::1']);
  });
});

describe('a new password', () => {
  it('is refused when it is easy to guess, keeping the invitation usable', async () => {
    const server = await startTestServer();
    const token = await invite(server, { email: 'anna.berg@example.org', name: 'Anna Berg' });
    const member = new ApiClient(server.url);
    for (const password of [
      '1234567890',
      'aaaaaaaaaaaa',
      'password123!',
      'qwertyuiop12',
      'annaberg2026',
      'anna.berg@example.org',
      'Anna Berg 1990',
    ]) {
      const res = await member.post(`/api/invitations/${token}/accept`, { password });
      expect(res.status, password).toBe(400);
      expect(res.body.error.code, password).toBe('WEAK_PASSWORD');
      expect(res.body.error.message.length).toBeGreaterThan(10);
    }
    expect((await member.post(`/api/invitations/${token}/accept`, { password: 'lantern orchard velvet' })).status).toBe(200);
  });

  it('ends every other session of the member, with their sockets and event streams', async () => {
    const server = await startTestServer();
    const draftId = await starterDraftId(server);
    const old = await new ApiClient(server.url).signIn('au@example.org', TEST_PASSWORD);
    const socket = await openCollabClient(server, { draftId, cookie: old.cookie! });
    const stream = await EventStreamReader.open(`${server.url}/api/drafts/${draftId}/events`, old.cookie);
    const secretariat = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
    const members = (await secretariat.get('/api/members')).body as Array<{ id: string; email: string }>;
    const au = members.find((m) => m.email === 'au@example.org')!;
    const link = (await secretariat.post(`/api/members/${au.id}/invitation`)).body.invitationUrl as string;
    const fresh = new ApiClient(server.url);
    const accepted = await fresh.post(`/api/invitations/${new URL(link).pathname.split('/').pop()}/accept`, {
      password: 'lantern orchard velvet',
    });
    expect(accepted.status).toBe(200);

    expect((await old.get('/api/me')).status).toBe(401);
    expect((await fresh.get('/api/me')).status).toBe(200);
    await eventually(() => socket.closes.some((c) => c.code === CLOSE_CODE.SESSION_ENDED), 'the old socket to close with SESSION_ENDED');
    await Promise.race([
      stream.closed,
      new Promise((_, reject) => setTimeout(() => reject(new Error('the event stream did not end')), 2000)),
    ]);
    expect((await signInFrom(server, 'au@example.org', TEST_PASSWORD)).status).toBe(401);
    expect((await signInFrom(server, 'au@example.org', 'lantern orchard velvet')).status).toBe(200);
  });
});
