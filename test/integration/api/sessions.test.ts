import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_CODE } from '../../../shared/collab/closeCodes.js';
import { eventually, openCollabClient, starterDraftId } from '../../helpers/collabClient.js';
import { EventStreamReader } from '../../helpers/eventStream.js';
import { ApiClient } from '../../helpers/http.js';
import { manualClock, startTestServer, TEST_PASSWORD, type TestServer } from '../../helpers/testServer.js';

const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** Signs in over the real API with the given User-Agent and keeps the session cookie. */
async function signInAs(server: TestServer, email: string, userAgent: string): Promise<ApiClient> {
  const client = new ApiClient(server.url);
  const res = await client.request('POST', '/api/session', { email, password: TEST_PASSWORD }, { 'user-agent': userAgent });
  expect(res.status).toBe(200);
  return client;
}

interface Listed {
  id: string;
  createdAt: string;
  address: string | null;
  browser: string | null;
  current: boolean;
}

const readers: EventStreamReader[] = [];
afterEach(() => {
  for (const reader of readers.splice(0)) reader.close();
});

describe('your sessions', () => {
  it('lists two sign-ins of one member as two sessions, each marked current only where it is', async () => {
    const server = await startTestServer();
    const firefox = await signInAs(server, 'no@example.org', FIREFOX_LINUX);
    const chrome = await signInAs(server, 'no@example.org', CHROME_WINDOWS);
    // Another member's session never shows in this member's list.
    await signInAs(server, 'dk@example.org', SAFARI_IPHONE);

    const fromFirefox = (await firefox.get('/api/sessions')).body as Listed[];
    expect(fromFirefox.map((s) => [s.browser, s.current])).toEqual([
      ['Firefox on Linux', true],
      ['Chrome on Windows', false],
    ]);
    for (const s of fromFirefox) {
      expect(s.address).toMatch(/127\.0\.0\.1|::1/);
      expect(Object.keys(s).sort()).toEqual(['address', 'browser', 'createdAt', 'current', 'expiresAt', 'id']);
      // The id is neither the cookie's token nor anything of the same length.
      expect(s.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
      expect(firefox.cookie).not.toContain(s.id);
      expect(chrome.cookie).not.toContain(s.id);
    }
    const fromChrome = (await chrome.get('/api/sessions')).body as Listed[];
    expect(fromChrome.map((s) => [s.id, s.current])).toEqual([
      [fromFirefox[0]!.id, false],
      [fromFirefox[1]!.id, true],
    ]);
    expect((await new ApiClient(server.url).get('/api/sessions')).status).toBe(401);
  });

  it('signs out the other session: its cookie gets 401, its socket closes with SESSION_ENDED, its event stream ends; this one stays', async () => {
    const server = await startTestServer();
    const draftId = await starterDraftId(server);
    const here = await signInAs(server, 'no@example.org', FIREFOX_LINUX);
    const there = await signInAs(server, 'no@example.org', CHROME_WINDOWS);
    const hereSocket = await openCollabClient(server, { draftId, cookie: here.cookie! });
    const thereSocket = await openCollabClient(server, { draftId, cookie: there.cookie! });
    const thereClosed = thereSocket.nextClose();
    const thereStream = await EventStreamReader.open(`${server.url}/api/events`, there.cookie);
    const hereStream = await EventStreamReader.open(`${server.url}/api/events`, here.cookie);
    readers.push(thereStream, hereStream);
    expect(thereStream.status).toBe(200);
    let thereStreamEnded = false;
    void thereStream.closed.then(() => (thereStreamEnded = true));

    const other = ((await here.get('/api/sessions')).body as Listed[]).find((s) => !s.current)!;
    expect(other.browser).toBe('Chrome on Windows');
    expect((await here.delete(`/api/sessions/${other.id}`)).status).toBe(204);

    expect((await thereClosed).code).toBe(CLOSE_CODE.SESSION_ENDED);
    await eventually(() => thereStreamEnded, 'the other session’s event stream to end');
    const me = await there.get('/api/me');
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('UNAUTHENTICATED');
    // This browser keeps its session, its socket and its stream.
    expect((await here.get('/api/me')).status).toBe(200);
    expect(hereSocket.closes).toEqual([]);
    expect(hereSocket.provider.wsconnected).toBe(true);
    expect(((await here.get('/api/sessions')).body as Listed[]).map((s) => s.current)).toEqual([true]);
    // Gone is gone: the same id again is not found.
    expect((await here.delete(`/api/sessions/${other.id}`)).body.error.code).toBe('SESSION_NOT_FOUND');
    const created = await (
      await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD)
    ).patch(`/api/drafts/${draftId}`, { title: 'Still listening' });
    expect(created.status).toBe(200);
    await hereStream.waitFor((e) => e.event === 'draft.updated' && e.data.draft.title === 'Still listening');
  });

  it('never lets a member see or end another member’s sessions, nor end their own current one this way', async () => {
    const server = await startTestServer();
    const norway = await signInAs(server, 'no@example.org', FIREFOX_LINUX);
    const denmark = await signInAs(server, 'dk@example.org', CHROME_WINDOWS);
    const norwaySession = ((await norway.get('/api/sessions')).body as Listed[])[0]!;
    const denmarkSessions = (await denmark.get('/api/sessions')).body as Listed[];
    expect(denmarkSessions.map((s) => s.id)).not.toContain(norwaySession.id);

    const foreign = await denmark.delete(`/api/sessions/${norwaySession.id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('SESSION_NOT_FOUND');
    const own = await norway.delete(`/api/sessions/${norwaySession.id}`);
    expect(own.status).toBe(404);
    for (const odd of ['..', '%2e%2e', 'x'.repeat(300), '__proto__']) {
      expect((await denmark.delete(`/api/sessions/${odd}`)).status).toBe(404);
    }
    expect((await norway.get('/api/me')).status).toBe(200);
    expect((await denmark.get('/api/me')).status).toBe(200);
    // The secretariat has no way into a member's sessions either: the list is always the caller's own.
    const secretariat = await signInAs(server, 'secretariat@example.org', SAFARI_IPHONE);
    expect(((await secretariat.get('/api/sessions')).body as Listed[]).map((s) => s.id)).not.toContain(norwaySession.id);
    expect((await secretariat.delete(`/api/sessions/${norwaySession.id}`)).status).toBe(404);
    expect((await norway.get('/api/me')).status).toBe(200);
  });

  it('signs out everywhere else and keeps the current session', async () => {
    const server = await startTestServer();
    const here = await signInAs(server, 'au@example.org', FIREFOX_LINUX);
    const others = [await signInAs(server, 'au@example.org', CHROME_WINDOWS), await signInAs(server, 'au@example.org', SAFARI_IPHONE)];
    const bystander = await signInAs(server, 'us@example.org', CHROME_WINDOWS);
    const res = await here.post('/api/sessions/sign-out-others');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ended: 2 });
    for (const other of others) expect((await other.get('/api/me')).status).toBe(401);
    expect((await here.get('/api/me')).status).toBe(200);
    expect((await bystander.get('/api/me')).status).toBe(200);
    expect(((await here.get('/api/sessions')).body as Listed[]).map((s) => [s.browser, s.current])).toEqual([['Firefox on Linux', true]]);
  });
});

interface Entry {
  id: number;
  at: string;
  action: string;
  actor: { id: string; name: string } | null;
  target: string;
  address: string | null;
  detail: string;
}

describe('the security log', () => {
  it('records a sign-in, a failed sign-in and a member change in order, with actor, address and time, a page at a time', async () => {
    const clock = manualClock();
    const server = await startTestServer({ clock });
    const secretariat = await signInAs(server, 'secretariat@example.org', FIREFOX_LINUX);
    clock.advance(60_000);
    await signInAs(server, 'no@example.org', CHROME_WINDOWS);
    clock.advance(60_000);
    const failed = await new ApiClient(server.url).post('/api/session', { email: 'dk@example.org', password: 'not the password' });
    expect(failed.status).toBe(401);
    clock.advance(60_000);
    const members = (await secretariat.get('/api/members')).body as Array<{ id: string; email: string }>;
    const norway = members.find((m) => m.email === 'no@example.org')!;
    const denmark = members.find((m) => m.email === 'dk@example.org')!;
    expect((await secretariat.patch(`/api/members/${norway.id}`, { role: 'reviewer', delegationId: null })).status).toBe(200);
    clock.advance(60_000);
    // Not a security event: stays out of this log.
    expect((await secretariat.post('/api/drafts', { title: 'Not in the log' })).status).toBe(201);

    const page = (await secretariat.get('/api/security-log')).body as Entry[];
    const start = Date.parse('2026-01-05T09:00:00Z');
    expect(page.map((e) => [e.action, e.actor?.name ?? null, e.at])).toEqual([
      ['member.update', 'Helena Brandt', new Date(start + 180_000).toISOString()],
      ['session.signInFailed', 'Mette Sørensen', new Date(start + 120_000).toISOString()],
      ['session.signIn', 'Lars Haugen', new Date(start + 60_000).toISOString()],
      ['session.signIn', 'Helena Brandt', new Date(start).toISOString()],
    ]);
    for (const entry of page) expect(entry.address).toMatch(/127\.0\.0\.1|::1/);
    expect(page[0]).toMatchObject({ target: norway.id, detail: 'no@example.org: role delegate → reviewer; delegation changed' });
    expect(page[1]).toMatchObject({ target: 'dk@example.org', actor: { id: denmark.id }, detail: 'wrong password' });
    expect(page[2]!.detail).toBe('Chrome on Windows');
    expect(page.map((e) => e.id)).toEqual([...page.map((e) => e.id)].sort((a, b) => b - a));

    // Paging: two at a time, `before` the last id seen, until a short page.
    const first = (await secretariat.get('/api/security-log?limit=2')).body as Entry[];
    const second = (await secretariat.get(`/api/security-log?limit=2&before=${first.at(-1)!.id}`)).body as Entry[];
    const third = (await secretariat.get(`/api/security-log?limit=2&before=${second.at(-1)!.id}`)).body as Entry[];
    expect([...first, ...second].map((e) => e.id)).toEqual(page.map((e) => e.id));
    expect(third).toEqual([]);
    const failures = (await secretariat.get('/api/security-log?action=session.signInFailed')).body as Entry[];
    expect(failures.map((e) => e.target)).toEqual(['dk@example.org']);
    expect((await secretariat.get('/api/security-log?limit=0')).status).toBe(400);
    expect((await secretariat.get('/api/security-log?action=draft.create')).status).toBe(400);
  });

  it('is the secretariat’s only: a delegate and a reviewer get 403, nobody signed in 401', async () => {
    const server = await startTestServer();
    const delegate = await signInAs(server, 'us@example.org', FIREFOX_LINUX);
    const res = await delegate.get('/api/security-log');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect((await (await signInAs(server, 'reviewer@example.org', FIREFOX_LINUX)).get('/api/security-log')).status).toBe(403);
    expect((await new ApiClient(server.url).get('/api/security-log')).status).toBe(401);
  });

  it('logs failed sign-ins of unknown emails without an actor, and never more than the sign-in limits let through', async () => {
    const server = await startTestServer({ env: { SIGNIN_MAX_FAILURES: '3' } });
    const attacker = new ApiClient(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await attacker.post('/api/session', { email: 'nobody@example.org', password: `guess ${i}` })).status);
    // Three evaluated, the rest refused before any password check: only those three are logged.
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    const secretariat = await signInAs(server, 'secretariat@example.org', FIREFOX_LINUX);
    const failures = (await secretariat.get('/api/security-log?action=session.signInFailed')).body as Entry[];
    expect(failures.map((e) => [e.target, e.actor, e.detail])).toEqual(Array(3).fill(['nobody@example.org', null, 'unknown email']));
  });
});
