import { beforeAll, describe, expect, it } from 'vitest';
import { EventStreamReader } from '../../helpers/eventStream.js';
import type { ApiClient } from '../../helpers/http.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import type { AmendmentMembers } from '../amendments/amendmentHelpers.js';
import { describeRoute, draftRouteFixture, draftSnapshot, READS, WRITES, type Ids, type Who } from './draftRouteTable.js';

describe('an archived draft is read-only through the API', () => {
  let server: TestServer;
  let as: AmendmentMembers;
  let ids: Ids;
  const client = (who: Who | 'reviewer'): ApiClient => as[who];

  const snapshot = () => draftSnapshot(server, as.secretariat, ids.draftId);

  beforeAll(async () => {
    server = await startTestServer();
    ({ as, ids } = await draftRouteFixture(server));
    const archived = await as.secretariat.patch(`/api/drafts/${ids.draftId}`, { archived: true });
    expect(archived.status).toBe(200);
    expect(archived.body.archived).toBe(true);
  });

  it('can still be renamed by the secretariat, and stays archived', async () => {
    const renamed = await as.secretariat.patch(`/api/drafts/${ids.draftId}`, { title: 'Archived code (old)' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({ title: 'Archived code (old)', archived: true });
  });

  describe('refuses every change with 409 DRAFT_ARCHIVED, and nothing changes', () => {
    for (const route of WRITES) {
      it(`${describeRoute(route)} as ${route.as}`, async () => {
        const before = await snapshot();
        const res = await client(route.as).request(route.method, route.path(ids), route.body?.(ids));
        expect(res.status, JSON.stringify(res.body)).toBe(409);
        expect(res.body.error).toEqual({ code: 'DRAFT_ARCHIVED', message: 'This draft is archived. Restore it to change it.' });
        expect(await snapshot()).toEqual(before);
      });
    }
  });

  describe('answers every read', () => {
    for (const route of READS) {
      it(`${describeRoute(route)} as ${route.as}`, async () => {
        const res = await client(route.as).get(route.path(ids));
        expect(res.status, typeof res.body === 'string' ? res.body.slice(0, 200) : JSON.stringify(res.body)).toBe(200);
      });
    }

    it('GET /api/drafts/:id/events as us', async () => {
      const reader = await EventStreamReader.open(`${server.url}/api/drafts/${ids.draftId}/events`, as.us.cookie);
      try {
        expect(reader.status).toBe(200);
      } finally {
        reader.close();
      }
    });
  });

  it('once restored, takes every change again', async () => {
    const restored = await as.secretariat.patch(`/api/drafts/${ids.draftId}`, { archived: false });
    expect(restored.status).toBe(200);
    expect(restored.body.archived).toBe(false);
    for (const route of WRITES) {
      const res = await client(route.as).request(route.method, route.path(ids), route.body?.(ids));
      expect(res.status, `${describeRoute(route)}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    }
    // The last two really happened: the proposals are decided and the draft is back in direct editing.
    expect((await as.secretariat.get(`/api/drafts/${ids.draftId}/amendments`)).body).toEqual([]);
    expect((await as.secretariat.get(`/api/drafts/${ids.draftId}`)).body.editingMode).toBe('direct');
  });
});
