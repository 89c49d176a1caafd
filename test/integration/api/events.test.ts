import { afterEach, describe, expect, it } from 'vitest';
import { EventStreamReader } from '../../helpers/eventStream.js';
import { ApiClient } from '../../helpers/http.js';
import { startTestServer, TEST_PASSWORD } from '../../helpers/testServer.js';

describe('the per-draft event stream', () => {
  const open: EventStreamReader[] = [];
  afterEach(() => open.splice(0).forEach((r) => r.close()));
  const stream = async (url: string, cookie: string | undefined) => {
    const reader = await EventStreamReader.open(url, cookie);
    open.push(reader);
    return reader;
  };

  it('delivers a rename to every open page of that draft, and only of that draft', async () => {
    const server = await startTestServer();
    const secretariat = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
    const delegate = await new ApiClient(server.url).signIn('au@example.org', TEST_PASSWORD);
    const reviewer = await new ApiClient(server.url).signIn('reviewer@example.org', TEST_PASSWORD);
    const draftId = (await secretariat.get('/api/drafts')).body[0].id;
    const other = (await secretariat.post('/api/drafts', { title: 'Other draft' })).body.id;

    const a = await stream(`${server.url}/api/drafts/${draftId}/events`, delegate.cookie);
    const b = await stream(`${server.url}/api/drafts/${draftId}/events`, reviewer.cookie);
    const c = await stream(`${server.url}/api/drafts/${other}/events`, delegate.cookie);
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);

    await secretariat.patch(`/api/drafts/${draftId}`, { title: 'Code of Conduct (second reading)' });
    for (const reader of [a, b]) {
      const event = await reader.waitFor((e) => e.event === 'draft.updated');
      expect(event.data.draft).toMatchObject({ id: draftId, title: 'Code of Conduct (second reading)' });
    }
    await secretariat.patch(`/api/drafts/${other}`, { title: 'Other draft, renamed' });
    await c.waitFor((e) => e.data.draft?.title === 'Other draft, renamed');
    expect(a.events.some((e) => e.data.draft?.id === other)).toBe(false);
  });

  it('refuses signed-out readers and unknown drafts', async () => {
    const server = await startTestServer();
    const delegate = await new ApiClient(server.url).signIn('au@example.org', TEST_PASSWORD);
    expect((await stream(`${server.url}/api/drafts/AAAAAAAAAAAAAAAA/events`, delegate.cookie)).status).toBe(404);
    const draftId = (await delegate.get('/api/drafts')).body[0].id;
    expect((await stream(`${server.url}/api/drafts/${draftId}/events`, undefined)).status).toBe(401);
  });

  it('ends the stream of a member who is deactivated', async () => {
    const server = await startTestServer();
    const secretariat = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
    const delegate = await new ApiClient(server.url).signIn('no@example.org', TEST_PASSWORD);
    const draftId = (await delegate.get('/api/drafts')).body[0].id;
    const reader = await stream(`${server.url}/api/drafts/${draftId}/events`, delegate.cookie);
    const norway = (await secretariat.get('/api/members')).body.find((m: { email: string }) => m.email === 'no@example.org');
    await secretariat.patch(`/api/members/${norway.id}`, { active: false });
    await reader.closed;
    await secretariat.patch(`/api/drafts/${draftId}`, { title: 'After deactivation' });
    expect(reader.events).toEqual([]);
  });
});
