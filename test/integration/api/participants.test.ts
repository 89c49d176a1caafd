import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { EventStreamReader } from '../../helpers/eventStream.js';
import type { ApiClient } from '../../helpers/http.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import type { AmendmentMembers } from '../amendments/amendmentHelpers.js';
import { describeRoute, draftRouteFixture, draftSnapshot, READS, WRITES, type Ids } from './draftRouteTable.js';

/** An id of the id shape that names nothing. */
const unknownId = () => randomBytes(12).toString('base64url');

/** The same route of another, unknown draft: what a member gets who cannot know the draft exists. */
const ofUnknownDraft = (ids: Ids): Ids => ({ ...ids, draftId: unknownId() });

const NOT_FOUND = { code: 'DRAFT_NOT_FOUND', message: 'No such draft.' };

/**
 * What a member who does not take part gets: exactly what the same request about a draft that does not exist
 * gets, DRAFT_NOT_FOUND; or FORBIDDEN, where their role may not use the route on any draft (checked first).
 */
function expectAsForUnknownDraft(res: { status: number; body: any }, unknown: { status: number; body: any }): void {
  expect({ status: res.status, body: res.body }).toEqual({ status: unknown.status, body: unknown.body });
  if (res.status === 403) expect(res.body.error.code).toBe('FORBIDDEN');
  else expect({ status: res.status, error: res.body.error }).toEqual({ status: 404, error: NOT_FOUND });
}

describe('a draft whose participants are one delegation', () => {
  let server: TestServer;
  let as: AmendmentMembers;
  let ids: Ids;
  /** A draft every member takes part in (participants null), to tell a hidden event from a late one. */
  let openDraftId: string;

  const snapshot = () => draftSnapshot(server, as.secretariat, ids.draftId);
  const titlesOf = async (api: ApiClient) => ((await api.get('/api/drafts')).body as Array<{ id: string }>).map((d) => d.id);
  const setParticipants = async (participants: unknown) => {
    const res = await as.secretariat.patch(`/api/drafts/${ids.draftId}`, { participants });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.participants).toEqual(participants);
  };

  beforeAll(async () => {
    server = await startTestServer();
    ({ as, ids } = await draftRouteFixture(server));
    const created = await as.secretariat.post('/api/drafts', { title: 'Open to everyone' });
    expect(created.status).toBe(201);
    expect(created.body.participants).toBeNull();
    openDraftId = created.body.id;
    // Every draft starts open to every member, the draft of the fixture too.
    expect((await as.no.get(`/api/drafts/${ids.draftId}`)).body.participants).toBeNull();
    await setParticipants({ delegationIds: [ids.usDelegation], memberIds: [] });
  });

  it('is listed, and returned with its participants, to the participating delegation and the secretariat only', async () => {
    for (const api of [as.us, as.secretariat]) {
      expect(await titlesOf(api)).toContain(ids.draftId);
      const res = await api.get(`/api/drafts/${ids.draftId}`);
      expect(res.status).toBe(200);
      expect(res.body.participants).toEqual({ delegationIds: [ids.usDelegation], memberIds: [] });
    }
    for (const api of [as.no, as.reviewer]) {
      const listed = await titlesOf(api);
      expect(listed).toContain(openDraftId);
      expect(listed).not.toContain(ids.draftId);
    }
  });

  describe('answers every change by someone not taking part as for a draft that does not exist, and nothing changes', () => {
    for (const route of WRITES) {
      it(`${describeRoute(route)} by the Norwegian delegate`, async () => {
        const before = await snapshot();
        const res = await as.no.request(route.method, route.path(ids), route.body?.(ids));
        const unknown = await as.no.request(route.method, route.path(ofUnknownDraft(ids)), route.body?.(ids));
        expectAsForUnknownDraft(res, unknown);
        // A route the delegation uses on its own drafts must not find this one.
        if (route.as === 'us') expect(res.status).toBe(404);
        expect(await snapshot()).toEqual(before);
      });
    }
  });

  describe('answers every read by someone not taking part as for a draft that does not exist', () => {
    // The drafts list is checked above: it answers, without this draft.
    for (const route of READS.filter((r) => describeRoute(r) !== 'GET /api/drafts')) {
      for (const who of ['no', 'reviewer'] as const) {
        it(`${describeRoute(route)} by ${who === 'no' ? 'the Norwegian delegate' : 'the reviewer'}`, async () => {
          const res = await as[who].get(route.path(ids));
          const unknown = await as[who].get(route.path(ofUnknownDraft(ids)));
          expectAsForUnknownDraft(res, unknown);
          if (route.as !== 'secretariat') expect(res.status).toBe(404);
        });
      }
    }

    it('GET /api/drafts/:id/events by the Norwegian delegate', async () => {
      const reader = await EventStreamReader.open(`${server.url}/api/drafts/${ids.draftId}/events`, as.no.cookie);
      expect(reader.status).toBe(404);
    });
  });

  it('answers every read of a participant and of the secretariat', async () => {
    for (const route of READS) {
      const api = route.as === 'secretariat' ? as.secretariat : as.us;
      const res = await api.get(route.path(ids));
      expect(
        res.status,
        `${describeRoute(route)}: ${typeof res.body === 'string' ? res.body.slice(0, 200) : JSON.stringify(res.body)}`,
      ).toBe(200);
    }
    const reader = await EventStreamReader.open(`${server.url}/api/drafts/${ids.draftId}/events`, as.us.cookie);
    try {
      expect(reader.status).toBe(200);
    } finally {
      reader.close();
    }
  });

  it('tells the workspace stream of a member not taking part nothing of it, and a participant everything', async () => {
    const no = await EventStreamReader.open(`${server.url}/api/events`, as.no.cookie);
    const us = await EventStreamReader.open(`${server.url}/api/events`, as.us.cookie);
    try {
      const renamed = await as.secretariat.patch(`/api/drafts/${ids.draftId}`, { title: 'Restricted code' });
      expect(renamed.status).toBe(200);
      // Then a change of a draft both see: once the Norwegian stream has it, it would have had the rename before.
      expect((await as.secretariat.patch(`/api/drafts/${openDraftId}`, { title: 'Open code' })).status).toBe(200);
      await us.waitFor((e) => e.data.draft?.id === openDraftId);
      await no.waitFor((e) => e.data.draft?.id === openDraftId);
      expect(us.events.some((e) => e.data.draft?.id === ids.draftId && e.data.draft.title === 'Restricted code')).toBe(true);
      expect(no.events.map((e) => e.data.draft?.id)).not.toContain(ids.draftId);
    } finally {
      no.close();
      us.close();
    }
  });

  it('tells a workspace stream when a draft it knew leaves its member out, and nothing of drafts it never knew', async () => {
    const no = await EventStreamReader.open(`${server.url}/api/events`, as.no.cookie);
    const us = await EventStreamReader.open(`${server.url}/api/events`, as.us.cookie);
    try {
      // Norway instead of the US: the US list loses the draft, the Norwegian one gains it.
      await setParticipants({ delegationIds: [as.noDelegation], memberIds: [] });
      await us.waitFor((e) => e.event === 'draft.hidden');
      expect(us.events.filter((e) => e.data.draftId === ids.draftId || e.data.draft?.id === ids.draftId)).toEqual([
        { event: 'draft.hidden', data: { type: 'draft.hidden', draftId: ids.draftId } },
      ]);
      await no.waitFor((e) => e.event === 'draft.updated' && e.data.draft.id === ids.draftId);
      // And back: now Norway, which was told of it, is told it is gone; then it hears nothing more of it.
      await setParticipants({ delegationIds: [ids.usDelegation], memberIds: [] });
      await no.waitFor((e) => e.event === 'draft.hidden' && e.data.draftId === ids.draftId);
      expect((await as.secretariat.patch(`/api/drafts/${ids.draftId}`, { title: 'Restricted code, renamed' })).status).toBe(200);
      expect((await as.secretariat.patch(`/api/drafts/${openDraftId}`, { title: 'Open code, renamed' })).status).toBe(200);
      await no.waitFor((e) => e.data.draft?.title === 'Open code, renamed');
      expect(no.events.filter((e) => e.event === 'draft.hidden')).toHaveLength(1);
      expect(no.events.some((e) => e.data.draft?.title === 'Restricted code, renamed')).toBe(false);
    } finally {
      no.close();
      us.close();
    }
  });

  it('lets in a member listed by id (the reviewer)', async () => {
    await setParticipants({ delegationIds: [ids.usDelegation], memberIds: [(await as.reviewer.get('/api/me')).body.id] });
    expect(await titlesOf(as.reviewer)).toContain(ids.draftId);
    for (const route of READS.filter((r) => r.as !== 'secretariat')) {
      const res = await as.reviewer.get(route.path(ids));
      expect(res.status, describeRoute(route)).toBe(200);
    }
    expect(await titlesOf(as.no)).not.toContain(ids.draftId);
    await setParticipants({ delegationIds: [ids.usDelegation], memberIds: [] });
  });

  it('refuses participants naming unknown delegations or members with 400 UNKNOWN_PARTICIPANTS listing them, and changes nothing', async () => {
    const before = await snapshot();
    const [delegation, member] = [unknownId(), unknownId()];
    const reviewerId = (await as.reviewer.get('/api/me')).body.id;
    const res = await as.secretariat.patch(`/api/drafts/${ids.draftId}`, {
      title: 'Never renamed',
      participants: { delegationIds: [ids.usDelegation, delegation, as.noDelegation], memberIds: [reviewerId, member] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: 'UNKNOWN_PARTICIPANTS',
      message: 'Some of the participants do not exist.',
      details: { delegationIds: [delegation], memberIds: [member] },
    });
    expect(await snapshot()).toEqual(before);
    expect(await titlesOf(as.no)).not.toContain(ids.draftId);
  });

  it('refuses participants that are not lists of ids with 400 VALIDATION_FAILED', async () => {
    for (const participants of [
      { delegationIds: ['../x'], memberIds: [] },
      { delegationIds: [] },
      'everyone',
      { delegationIds: [], memberIds: [], extra: 1 },
    ]) {
      const res = await as.secretariat.patch(`/api/drafts/${ids.draftId}`, { participants });
      expect(res.status, JSON.stringify(participants)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('lets only the secretariat choose the participants', async () => {
    for (const api of [as.us, as.reviewer]) {
      const res = await api.patch(`/api/drafts/${ids.draftId}`, { participants: null });
      expect(res.status).toBe(403);
    }
    expect(await titlesOf(as.no)).not.toContain(ids.draftId);
  });

  it('records each change of the participants in the audit log, by name', async () => {
    const entries = await server.services.metadata.audit.pageByDraft(ids.draftId, { limit: 10, actions: ['draft.participants'] });
    const secretariatId = (await as.secretariat.get('/api/me')).body.id;
    // Newest first: back to the US alone, the US and the reviewer, back to the US, Norway, the US alone.
    expect(entries.map((e) => [e.actorId, e.detail])).toEqual([
      [secretariatId, 'United States'],
      [secretariatId, 'United States, Amara Okafor'],
      [secretariatId, 'United States'],
      [secretariatId, 'Norway'],
      [secretariatId, 'United States'],
    ]);
  });

  it('takes every change of a participant and of the secretariat (every write route, in order)', async () => {
    for (const route of WRITES) {
      const res = await as[route.as].request(route.method, route.path(ids), route.body?.(ids));
      expect(res.status, `${describeRoute(route)}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    }
    expect((await as.secretariat.get(`/api/drafts/${ids.draftId}/amendments`)).body).toEqual([]);
  });

  it('is everyone’s again once the participants are null', async () => {
    await setParticipants(null);
    for (const api of [as.no, as.reviewer]) {
      expect(await titlesOf(api)).toContain(ids.draftId);
      expect((await api.get(`/api/drafts/${ids.draftId}/comments`)).status).toBe(200);
    }
  });
});
