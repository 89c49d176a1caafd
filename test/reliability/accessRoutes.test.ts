import { beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, REDLINE_FORMATS } from '../../shared/export/exportFormats.js';
import { addOption } from '../../shared/doc/options.js';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { CLOSE_CODE } from '../../shared/collab/closeCodes.js';
import { rawUpgrade } from '../helpers/collabClient.js';
import { EventStreamReader } from '../helpers/eventStream.js';
import { ApiClient } from '../helpers/http.js';
import { reportFigure } from '../helpers/reportFigure.js';
import { storedState } from '../helpers/storedMetadata.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/testServer.js';

/**
 * What test/integration/api/permissions.test.ts and test/integration/versions/permissions.test.ts leave
 * out: rules that depend on who wrote the record (comments, versions), published revisions, every export
 * format, the event stream, and every state-changing route from a foreign Origin. A refused request must
 * leave the metadata file and every version snapshot byte for byte as they were.
 */

type Who = 'anonymous' | 'author' | 'otherDelegate' | 'reviewer' | 'secretariat';
const EVERYONE: Who[] = ['anonymous', 'author', 'otherDelegate', 'reviewer', 'secretariat'];
const EMAIL: Record<Exclude<Who, 'anonymous'>, string> = {
  author: 'us@example.org',
  otherDelegate: 'dk@example.org',
  reviewer: 'reviewer@example.org',
  secretariat: 'secretariat@example.org',
};

let server: TestServer;
let draftId: string;
let clauseId: string;
/** The author's delegation (United States). */
let ownDelegationId: string;
const as = {} as Record<Who, ApiClient>;
let checked = 0;

beforeAll(async () => {
  server = await startTestServer();
  as.anonymous = new ApiClient(server.url);
  for (const who of Object.keys(EMAIL) as Array<keyof typeof EMAIL>)
    as[who] = await new ApiClient(server.url).signIn(EMAIL[who], TEST_PASSWORD);
  draftId = (await as.secretariat.get('/api/drafts')).body[0].id;
  clauseId = await server.rooms.read(draftId, (doc) => readOrderedClauses(doc).find((c) => c.kind === 'operative')!.id);
  ownDelegationId = (await as.author.get('/api/me')).body.delegation.id;
});

/** Gives the clause an alternative (as a delegate's editor would) and returns its id. */
async function newOption(): Promise<string> {
  return server.rooms.change(draftId, (doc) => addOption(doc, clauseId)!);
}

/** A status the clause does not have now (setting the same one again is refused). */
async function nextStatus(): Promise<string> {
  const statuses = (await as.secretariat.get(`/api/drafts/${draftId}/negotiation`)).body.statuses as Array<{
    clauseId: string;
    status: string;
  }>;
  return statuses.filter((s) => s.clauseId === clauseId).at(-1)?.status === 'agreed' ? 'open' : 'agreed';
}

async function newPosition(): Promise<void> {
  const res = await as.author.request('PUT', `/api/drafts/${draftId}/clauses/${clauseId}/positions/${ownDelegationId}`, {
    position: 'supports',
  });
  expect(res.status).toBe(200);
}

async function newComment(resolved = false): Promise<string> {
  const id = (await as.author.post(`/api/drafts/${draftId}/comments`, { clauseId, body: 'A comment by its author' })).body.id as string;
  if (resolved) expect((await as.author.patch(`/api/drafts/${draftId}/comments/${id}`, { resolved: true })).status).toBe(200);
  return id;
}

async function newVersion(published = false): Promise<string> {
  const id = (await as.author.post(`/api/drafts/${draftId}/versions`, { label: 'A version by its author' })).body.id as string;
  if (published) expect((await as.secretariat.post(`/api/drafts/${draftId}/versions/${id}/publish`)).status).toBe(200);
  return id;
}

interface Rule {
  name: string;
  /** Makes the record the request acts on; returns the request. */
  prepare: () => Promise<{ method: string; path: string; body?: unknown }>;
  /** Who succeeds (2xx); everyone else signed in gets `refusal`, anonymous 401. */
  allowed: Who[];
  /** The answer to those who pass the route's role check but may not do this. @default { status: 403, code: 'FORBIDDEN' } */
  refusal?: { status: number; code: string };
  /** Who passes the route's role check (the others get 403 FORBIDDEN before the record is looked at). @default everyone signed in */
  routeRoles?: Who[];
  /** After an allowed request: reads back that the change really happened (`path` is the request's). */
  changed?: (path: string) => Promise<void>;
}

/** The negotiation state as every member reads it. */
const negotiation = async () => (await as.secretariat.get(`/api/drafts/${draftId}/negotiation`)).body;
/** One comment as listed for the draft. */
const commentAt = async (path: string) =>
  ((await as.secretariat.get(`/api/drafts/${draftId}/comments`)).body as Array<{ id: string }>).find((c) => path.endsWith(c.id));
/** One version as listed for the draft, or undefined. */
const versionAt = async (path: string) =>
  ((await as.secretariat.get(`/api/drafts/${draftId}/versions`)).body as Array<{ id: string }>).find((v) => path.endsWith(v.id));

const DRAFTERS: Who[] = ['author', 'otherDelegate', 'secretariat'];

const RULES: Rule[] = [
  {
    name: 'set a clause’s status',
    prepare: async () => ({
      method: 'PUT',
      path: `/api/drafts/${draftId}/clauses/${clauseId}/status`,
      body: { status: await nextStatus(), note: 'Checked' },
    }),
    allowed: ['secretariat'],
    routeRoles: ['secretariat'],
    changed: async () =>
      expect((await negotiation()).statuses.filter((s: { clauseId: string }) => s.clauseId === clauseId).at(-1)).toMatchObject({
        note: 'Checked',
      }),
  },
  {
    name: 'record the United States’ position',
    prepare: async () => ({
      method: 'PUT',
      path: `/api/drafts/${draftId}/clauses/${clauseId}/positions/${ownDelegationId}`,
      body: { position: 'reservation', text: 'Pending capital' },
    }),
    allowed: ['author'],
    changed: async () =>
      expect((await negotiation()).positions).toContainEqual(
        expect.objectContaining({
          clauseId,
          delegation: expect.objectContaining({ id: ownDelegationId }),
          position: 'reservation',
          text: 'Pending capital',
        }),
      ),
  },
  {
    name: 'withdraw the United States’ position',
    prepare: async () => {
      await newPosition();
      return { method: 'DELETE', path: `/api/drafts/${draftId}/clauses/${clauseId}/positions/${ownDelegationId}` };
    },
    allowed: ['author'],
    changed: async () =>
      expect(
        (await negotiation()).positions.filter(
          (p: { clauseId: string; delegation: { id: string } }) => p.clauseId === clauseId && p.delegation.id === ownDelegationId,
        ),
      ).toEqual([]),
  },
  {
    name: 'settle a clause on one of its options',
    prepare: async () => {
      await newOption();
      // Settling on the first option keeps the clause itself in the text for the rules after this one.
      return { method: 'POST', path: `/api/drafts/${draftId}/clauses/${clauseId}/settle`, body: { optionId: clauseId } };
    },
    allowed: ['secretariat'],
    routeRoles: ['secretariat'],
  },
  {
    name: 'read the negotiation audit log',
    prepare: async () => ({ method: 'GET', path: `/api/drafts/${draftId}/audit` }),
    allowed: ['secretariat'],
    routeRoles: ['secretariat'],
  },
  {
    name: 'edit a comment’s text',
    prepare: async () => ({ method: 'PATCH', path: `/api/drafts/${draftId}/comments/${await newComment()}`, body: { body: 'Changed' } }),
    allowed: ['author'],
    changed: async (path) => expect(await commentAt(path)).toMatchObject({ body: 'Changed' }),
  },
  {
    name: 'resolve a thread',
    prepare: async () => ({ method: 'PATCH', path: `/api/drafts/${draftId}/comments/${await newComment()}`, body: { resolved: true } }),
    allowed: ['author', 'secretariat'],
    changed: async (path) => expect(await commentAt(path)).toMatchObject({ resolved: true }),
  },
  {
    name: 'reopen a thread',
    prepare: async () => ({
      method: 'PATCH',
      path: `/api/drafts/${draftId}/comments/${await newComment(true)}`,
      body: { resolved: false },
    }),
    allowed: ['author', 'otherDelegate', 'reviewer', 'secretariat'],
    changed: async (path) => expect(await commentAt(path)).toMatchObject({ resolved: false, resolvedBy: null }),
  },
  {
    name: 'delete a comment',
    prepare: async () => ({ method: 'DELETE', path: `/api/drafts/${draftId}/comments/${await newComment()}` }),
    allowed: ['author'],
    changed: async (path) => expect(await commentAt(path)).toMatchObject({ deleted: true, body: null }),
  },
  {
    name: 'rename a version',
    prepare: async () => ({ method: 'PATCH', path: `/api/drafts/${draftId}/versions/${await newVersion()}`, body: { label: 'Renamed' } }),
    allowed: ['author', 'secretariat'],
    changed: async (path) => expect(await versionAt(path)).toMatchObject({ label: 'Renamed' }),
  },
  {
    name: 'delete a version',
    prepare: async () => ({ method: 'DELETE', path: `/api/drafts/${draftId}/versions/${await newVersion()}` }),
    allowed: ['author', 'secretariat'],
    changed: async (path) => expect(await versionAt(path)).toBeUndefined(),
  },
  {
    name: 'rename a published revision',
    prepare: async () => ({
      method: 'PATCH',
      path: `/api/drafts/${draftId}/versions/${await newVersion(true)}`,
      body: { label: 'Rewritten' },
    }),
    allowed: [],
    refusal: { status: 409, code: 'REVISION_IMMUTABLE' },
    routeRoles: DRAFTERS,
  },
  {
    name: 'delete a published revision',
    prepare: async () => ({ method: 'DELETE', path: `/api/drafts/${draftId}/versions/${await newVersion(true)}` }),
    allowed: [],
    refusal: { status: 409, code: 'REVISION_IMMUTABLE' },
    routeRoles: DRAFTERS,
  },
  {
    name: 'publish a revision again',
    prepare: async () => ({ method: 'POST', path: `/api/drafts/${draftId}/versions/${await newVersion(true)}/publish` }),
    allowed: [],
    refusal: { status: 409, code: 'ALREADY_PUBLISHED' },
    routeRoles: ['secretariat'],
  },
];

describe('rules that depend on who wrote the record', () => {
  for (const rule of RULES) {
    for (const who of EVERYONE) {
      const allowed = rule.allowed.includes(who);
      it(`lets ${who} ${allowed ? '' : 'not '}${rule.name}${allowed ? '' : ', and changes nothing'}`, async () => {
        const request = await rule.prepare();
        const before = await storedState(server);
        const res = await as[who].request(request.method, request.path, request.body);
        checked += 1;
        if (allowed) {
          expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
          // A change leaves the store different, and reads back as asked.
          if (request.method !== 'GET') expect(await storedState(server)).not.toEqual(before);
          return rule.changed?.(request.path);
        }
        const passesRoute = (rule.routeRoles ?? EVERYONE).includes(who);
        const refusal =
          who === 'anonymous'
            ? { status: 401, code: 'UNAUTHENTICATED' }
            : passesRoute && rule.refusal
              ? rule.refusal
              : { status: 403, code: 'FORBIDDEN' };
        expect({ status: res.status, code: res.body?.error?.code }).toEqual(refusal);
        expect(await storedState(server)).toEqual(before);
      });
    }
  }
});

describe('reading: exports and the event stream', () => {
  let versionId: string;
  beforeAll(async () => {
    versionId = await newVersion(true);
  });

  it('serves every export format (of a version and of the live draft) and redline to every member, as an attachment, and to nobody signed out', async () => {
    const paths = [
      ...EXPORT_FORMATS.map((f) => `/api/drafts/${draftId}/versions/${versionId}/export?format=${f}`),
      ...EXPORT_FORMATS.map((f) => `/api/drafts/${draftId}/export?format=${f}`),
      ...REDLINE_FORMATS.map((f) => `/api/drafts/${draftId}/compare/export?from=${versionId}&to=live&format=${f}`),
    ];
    for (const path of paths) {
      for (const who of EVERYONE) {
        const res = await fetch(server.url + path, { headers: as[who].cookie ? { cookie: as[who].cookie } : {} });
        const body = Buffer.from(await res.arrayBuffer());
        checked += 1;
        if (who === 'anonymous') {
          expect(res.status, path).toBe(401);
          expect(res.headers.get('content-disposition')).toBeNull();
        } else {
          expect(res.status, `${who} ${path}`).toBe(200);
          expect(res.headers.get('content-disposition'), path).toMatch(/^attachment; filename="[^"/\\]+"/);
          expect(body.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('opens the draft’s and the workspace’s event streams for every member and nobody signed out', async () => {
    for (const path of [`/api/drafts/${draftId}/events`, '/api/events']) {
      for (const who of EVERYONE) {
        const reader = await EventStreamReader.open(`${server.url}${path}`, as[who].cookie);
        checked += 1;
        expect(reader.status, `${who} ${path}`).toBe(who === 'anonymous' ? 401 : 200);
        reader.close();
      }
    }
  });

  it('shows every member the negotiation state, and nobody signed out', async () => {
    for (const who of EVERYONE) {
      const res = await as[who].get(`/api/drafts/${draftId}/negotiation`);
      checked += 1;
      expect(res.status, who).toBe(who === 'anonymous' ? 401 : 200);
    }
  });
});

/** Every state-changing route, with a body it would accept from the app's own pages. */
function stateChangingRoutes(ids: {
  memberId: string;
  commentId: string;
  versionId: string;
  token: string;
}): Array<{ method: string; path: string; body?: unknown }> {
  const clause = `/api/drafts/${draftId}/clauses/${clauseId}`;
  return [
    { method: 'PUT', path: `${clause}/status`, body: { status: 'agreed', note: 'Forged' } },
    { method: 'PUT', path: `${clause}/positions/${ownDelegationId}`, body: { position: 'opposes' } },
    { method: 'DELETE', path: `${clause}/positions/${ownDelegationId}` },
    { method: 'POST', path: `${clause}/settle`, body: { optionId: clauseId } },
    { method: 'POST', path: '/api/session', body: { email: EMAIL.secretariat, password: TEST_PASSWORD } },
    { method: 'DELETE', path: '/api/session' },
    { method: 'POST', path: '/api/drafts', body: { title: 'Forged draft' } },
    { method: 'PATCH', path: `/api/drafts/${draftId}`, body: { title: 'Forged title' } },
    { method: 'POST', path: '/api/delegations', body: { name: 'Forged delegation' } },
    { method: 'POST', path: '/api/members', body: { email: 'forged@example.org', name: 'Forged', role: 'secretariat' } },
    { method: 'PATCH', path: `/api/members/${ids.memberId}`, body: { role: 'secretariat' } },
    { method: 'POST', path: `/api/members/${ids.memberId}/invitation` },
    { method: 'POST', path: `/api/invitations/${ids.token}/accept`, body: { password: 'forged password 123' } },
    { method: 'POST', path: `/api/drafts/${draftId}/comments`, body: { clauseId, body: 'Forged comment' } },
    { method: 'PATCH', path: `/api/drafts/${draftId}/comments/${ids.commentId}`, body: { body: 'Forged edit' } },
    { method: 'DELETE', path: `/api/drafts/${draftId}/comments/${ids.commentId}` },
    { method: 'POST', path: `/api/drafts/${draftId}/versions`, body: { label: 'Forged version' } },
    { method: 'PATCH', path: `/api/drafts/${draftId}/versions/${ids.versionId}`, body: { label: 'Forged label' } },
    { method: 'DELETE', path: `/api/drafts/${draftId}/versions/${ids.versionId}` },
    { method: 'POST', path: `/api/drafts/${draftId}/versions/${ids.versionId}/publish` },
    { method: 'POST', path: `/api/drafts/${draftId}/versions/${ids.versionId}/restore` },
  ];
}

describe('requests from a foreign Origin', () => {
  it('refuses every state-changing route with 403 BAD_ORIGIN for a signed-in secretariat, and changes nothing', async () => {
    const invited = (await as.secretariat.post('/api/members', { email: 'invited@example.org', name: 'Invited', role: 'reviewer' })).body;
    const ids = {
      memberId: invited.member.id as string,
      token: (invited.invitationUrl as string).split('/').at(-1)!,
      commentId: (await as.secretariat.post(`/api/drafts/${draftId}/comments`, { clauseId, body: 'Mine' })).body.id as string,
      versionId: (await as.secretariat.post(`/api/drafts/${draftId}/versions`, { label: 'Mine' })).body.id as string,
    };
    const origins = [
      'https://evil.example',
      'null',
      `${server.url}.evil.example`,
      `http://localhost:${server.port}`,
      `https://127.0.0.1:${server.port}`,
      `http://127.0.0.1:${server.port + 1}`,
    ];
    const before = await storedState(server);
    let refused = 0;
    for (const route of stateChangingRoutes(ids)) {
      for (const origin of origins) {
        const res = await as.secretariat.request(route.method, route.path, route.body, { origin });
        expect({ route: `${route.method} ${route.path}`, origin, status: res.status, code: res.body?.error?.code }).toEqual({
          route: `${route.method} ${route.path}`,
          origin,
          status: 403,
          code: 'BAD_ORIGIN',
        });
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
        refused += 1;
      }
    }
    expect(await storedState(server)).toEqual(before);
    // The session survived the forged sign-out, and a read from another origin gets no CORS permission to be read.
    const read = await as.secretariat.request('GET', '/api/me', undefined, { origin: 'https://evil.example' });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${server.url}/api/drafts`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
    reportFigure(
      'foreign Origin',
      `${refused} state-changing requests (${stateChangingRoutes(ids).length} routes x ${origins.length} origins) refused with 403 BAD_ORIGIN, nothing stored`,
    );
  });

  it('refuses the collaboration socket from the same foreign origins with BAD_ORIGIN, even with a valid session', async () => {
    const origins = [
      'https://evil.example',
      'null',
      `${server.url}.evil.example`,
      `http://localhost:${server.port}`,
      `https://127.0.0.1:${server.port}`,
      `http://127.0.0.1:${server.port + 1}`,
    ];
    for (const origin of origins) {
      expect({ origin, ...(await rawUpgrade(server, `/collab/${draftId}`, { cookie: as.secretariat.cookie!, origin })) }).toEqual({
        origin,
        status: 101,
        closeCode: CLOSE_CODE.BAD_ORIGIN,
      });
    }
    expect(await rawUpgrade(server, `/collab/${draftId}`, { cookie: as.secretariat.cookie!, origin: server.url })).toEqual({
      status: 101,
      closeCode: null,
    });
  });

  it('counts what it checked', () => {
    reportFigure('role and authorship rules beyond the permissions tables', `${checked} requests checked`);
    expect(checked).toBeGreaterThan(50);
  });
});
