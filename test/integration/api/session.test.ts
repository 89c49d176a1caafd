import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../helpers/http.js';
import { manualClock, startTestServer, TEST_PASSWORD } from '../../helpers/testServer.js';

describe('signing in and out', () => {
  it('signs in with the right password, sets an HttpOnly SameSite=Lax cookie and answers /api/me', async () => {
    const server = await startTestServer();
    const client = new ApiClient(server.url);
    const res = await client.post('/api/session', { email: 'US@example.org ', password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: 'us@example.org', role: 'delegate', delegation: { name: 'United States' } });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^sid=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Expires=/i);
    const me = await client.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.name).toBe('James Carter');
  });

  it('answers a wrong password and an unknown email in exactly the same way', async () => {
    const server = await startTestServer();
    const wrong = await new ApiClient(server.url).post('/api/session', { email: 'us@example.org', password: 'not the password' });
    const unknown = await new ApiClient(server.url).post('/api/session', { email: 'nobody@example.org', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('ends the session on sign-out so the same cookie no longer works', async () => {
    const server = await startTestServer();
    const client = await new ApiClient(server.url).signIn('dk@example.org', TEST_PASSWORD);
    const stolen = client.cookie;
    expect((await client.delete('/api/session')).status).toBe(204);
    expect(client.cookie).toBeUndefined();
    const replay = new ApiClient(server.url);
    replay.cookie = stolen;
    const me = await replay.get('/api/me');
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('expires a session after its lifetime', async () => {
    const clock = manualClock();
    const server = await startTestServer({ clock, env: { SESSION_TTL_HOURS: '2' } });
    const client = await new ApiClient(server.url).signIn('no@example.org', TEST_PASSWORD);
    clock.advance(2 * 3600_000 - 1000);
    expect((await client.get('/api/me')).status).toBe(200);
    clock.advance(2000);
    const me = await client.get('/api/me');
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('rejects forged session cookies', async () => {
    const server = await startTestServer();
    for (const cookie of ['sid=' + 'A'.repeat(43), 'sid=', 'sid=%E0%A4%A', 'sid=' + 'x'.repeat(5000)]) {
      const client = new ApiClient(server.url);
      client.cookie = cookie;
      expect((await client.get('/api/me')).status).toBe(401);
    }
  });

  it('makes each attempt past the free ones for an account wait longer, one second doubling, instead of locking it', async () => {
    const clock = manualClock();
    const server = await startTestServer({ clock, env: { SIGNIN_MAX_FAILURES: '3' } });
    const client = new ApiClient(server.url);
    for (let i = 0; i < 3; i++) {
      expect((await client.post('/api/session', { email: 'au@example.org', password: `guess ${i}` })).status).toBe(401);
    }
    const blocked = await client.post('/api/session', { email: 'au@example.org', password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(blocked.headers.get('retry-after')).toBe('1');
    // Another account is not slowed by this one's failures.
    expect((await new ApiClient(server.url).post('/api/session', { email: 'dk@example.org', password: TEST_PASSWORD })).status).toBe(200);
    clock.advance(1000);
    expect((await client.post('/api/session', { email: 'au@example.org', password: 'guess 3' })).status).toBe(401);
    const longer = await client.post('/api/session', { email: 'au@example.org', password: TEST_PASSWORD });
    expect(longer.status).toBe(429);
    expect(longer.headers.get('retry-after')).toBe('2');
    clock.advance(2000);
    expect((await client.post('/api/session', { email: 'au@example.org', password: TEST_PASSWORD })).status).toBe(200);
    // A successful sign-in forgets the run: the next mistake is free again.
    expect((await client.post('/api/session', { email: 'au@example.org', password: 'one typo' })).status).toBe(401);
  });

  it('never stores passwords or session tokens in plain text', async () => {
    const server = await startTestServer();
    const client = await new ApiClient(server.url).signIn('us@example.org', TEST_PASSWORD);
    const raw = await readFile(path.join(server.dataDir, 'metadata.json'), 'utf8');
    expect(raw).not.toContain(TEST_PASSWORD);
    expect(raw).not.toContain(client.cookie!.slice('sid='.length));
    expect(raw).toMatch(/"passwordHash":"scrypt\$/);
  });
});
