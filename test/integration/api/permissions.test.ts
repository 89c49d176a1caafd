import { beforeAll, describe, expect, it } from 'vitest';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import type { Role } from '../../../shared/roles.js';
import { ApiClient } from '../../helpers/http.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../helpers/testServer.js';

type Who = Role | 'anonymous';
const EMAIL: Record<Role, string> = {
  secretariat: 'secretariat@example.org',
  delegate: 'us@example.org',
  reviewer: 'reviewer@example.org',
};

interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: (ids: Ids) => string;
  body?: (ids: Ids) => unknown;
  /** Who may call it; everyone else gets 401 (anonymous) or 403 (signed in). */
  allowed: Who[];
  /** For a change: reads back, as the secretariat, that it really happened (given the body sent and the answer). */
  changed?: (read: ApiClient, ids: Ids, sent: any, answer: any) => Promise<void>;
}
interface Ids {
  draftId: string;
  memberId: string;
  delegationId: string;
  clauseId: string;
  versionId: string;
}

/** The titles in a GET /api/drafts answer. */
const titles = (res: { body: unknown }) => (res.body as Array<{ title: string }>).map((d) => d.title);

let counter = 0;
const unique = () => `${Date.now().toString(36)}${counter++}`;

/** Every REST route and who may use it. A new route must be added here. */
const ROUTES: Route[] = [
  { method: 'GET', path: () => '/api/me', allowed: ['secretariat', 'delegate', 'reviewer'] },
  { method: 'GET', path: () => '/api/drafts', allowed: ['secretariat', 'delegate', 'reviewer'] },
  { method: 'GET', path: (i) => `/api/drafts/${i.draftId}`, allowed: ['secretariat', 'delegate', 'reviewer'] },
  {
    method: 'POST',
    path: () => '/api/drafts',
    body: () => ({ title: `Draft ${unique()}` }),
    allowed: ['secretariat'],
    changed: async (read, _i, sent) => expect(titles(await read.get('/api/drafts'))).toContain(sent.title),
  },
  {
    method: 'PATCH',
    path: (i) => `/api/drafts/${i.draftId}`,
    body: () => ({ title: `Renamed ${unique()}` }),
    allowed: ['secretariat'],
    changed: async (read, i, sent) => expect((await read.get(`/api/drafts/${i.draftId}`)).body.title).toBe(sent.title),
  },
  { method: 'GET', path: () => '/api/delegations', allowed: ['secretariat', 'delegate', 'reviewer'] },
  {
    method: 'POST',
    path: () => '/api/delegations',
    body: () => ({ name: `Delegation ${unique()}` }),
    allowed: ['secretariat'],
    changed: async (read, _i, sent) =>
      expect(((await read.get('/api/delegations')).body as Array<{ name: string }>).map((d) => d.name)).toContain(sent.name),
  },
  { method: 'GET', path: () => '/api/members', allowed: ['secretariat'] },
  {
    method: 'POST',
    path: () => '/api/members',
    body: () => ({ email: `m${unique()}@example.org`, name: 'New member', role: 'reviewer' }),
    allowed: ['secretariat'],
    changed: async (read, _i, sent) =>
      expect(((await read.get('/api/members')).body as Array<{ email: string }>).map((m) => m.email)).toContain(sent.email),
  },
  {
    method: 'PATCH',
    path: (i) => `/api/members/${i.memberId}`,
    body: () => ({ name: `Name ${unique()}` }),
    allowed: ['secretariat'],
    changed: async (read, i, sent) =>
      expect(((await read.get('/api/members')).body as Array<{ id: string; name: string }>).find((m) => m.id === i.memberId)?.name).toBe(
        sent.name,
      ),
  },
  {
    method: 'POST',
    path: (i) => `/api/members/${i.memberId}/invitation`,
    allowed: ['secretariat'],
    changed: async (read, _i, _sent, answer) => {
      const token = new URL(answer.invitationUrl).pathname.split('/').pop();
      expect((await read.get(`/api/invitations/${token}`)).body).toMatchObject({ email: 'target@example.org' });
    },
  },
  // Routes of one version (publish, restore, rename, delete, open) are checked per role in test/integration/versions/permissions.test.ts.
  { method: 'GET', path: (i) => `/api/drafts/${i.draftId}/versions`, allowed: ['secretariat', 'delegate', 'reviewer'] },
  {
    method: 'POST',
    path: (i) => `/api/drafts/${i.draftId}/versions`,
    body: () => ({ label: `Version ${unique()}` }),
    allowed: ['secretariat', 'delegate'],
    changed: async (read, i, sent) =>
      expect(((await read.get(`/api/drafts/${i.draftId}/versions`)).body as Array<{ label: string }>).map((v) => v.label)).toContain(
        sent.label,
      ),
  },
  { method: 'GET', path: (i) => `/api/drafts/${i.draftId}/compare?from=live&to=live`, allowed: ['secretariat', 'delegate', 'reviewer'] },
  { method: 'GET', path: (i) => `/api/drafts/${i.draftId}/versions/${i.versionId}`, allowed: ['secretariat', 'delegate', 'reviewer'] },
  {
    method: 'GET',
    path: (i) => `/api/drafts/${i.draftId}/compare?from=${i.versionId}&to=live`,
    allowed: ['secretariat', 'delegate', 'reviewer'],
  },
  {
    method: 'GET',
    path: (i) => `/api/drafts/${i.draftId}/versions/${i.versionId}/export?format=json`,
    allowed: ['secretariat', 'delegate', 'reviewer'],
  },
  { method: 'GET', path: (i) => `/api/drafts/${i.draftId}/export?format=json`, allowed: ['secretariat', 'delegate', 'reviewer'] },
  {
    method: 'GET',
    path: (i) => `/api/drafts/${i.draftId}/compare/export?from=${i.versionId}&to=live&format=html`,
    allowed: ['secretariat', 'delegate', 'reviewer'],
  },
  // Editing, resolving and deleting one comment depend on who wrote it: test/integration/comments/comments.test.ts.
  { method: 'GET', path: (i) => `/api/drafts/${i.draftId}/comments`, allowed: ['secretariat', 'delegate', 'reviewer'] },
  {
    method: 'POST',
    path: (i) => `/api/drafts/${i.draftId}/comments`,
    body: (i) => ({ clauseId: i.clauseId, body: `Comment ${unique()}` }),
    allowed: ['secretariat', 'delegate', 'reviewer'],
    changed: async (read, i, sent) =>
      expect(((await read.get(`/api/drafts/${i.draftId}/comments`)).body as Array<{ body: string }>).map((c) => c.body)).toContain(
        sent.body,
      ),
  },
  // Deciding one proposal depends on whose it is: test/integration/amendments/decisions.test.ts.
  { method: 'GET', path: (i) => `/api/drafts/${i.draftId}/amendments`, allowed: ['secretariat', 'delegate', 'reviewer'] },
  { method: 'POST', path: (i) => `/api/drafts/${i.draftId}/amendments/accept`, body: () => ({}), allowed: ['secretariat'] },
  { method: 'POST', path: (i) => `/api/drafts/${i.draftId}/amendments/reject`, body: () => ({}), allowed: ['secretariat'] },
];

describe('permissions: every role against every route', () => {
  let server: TestServer;
  let ids: Ids;
  const clients = {} as Record<Who, ApiClient>;

  beforeAll(async () => {
    server = await startTestServer();
    for (const role of Object.keys(EMAIL) as Role[]) clients[role] = await new ApiClient(server.url).signIn(EMAIL[role], TEST_PASSWORD);
    clients.anonymous = new ApiClient(server.url);
    const draftId = (await clients.secretariat.get('/api/drafts')).body[0].id;
    const created = await clients.secretariat.post('/api/members', { email: 'target@example.org', name: 'Target', role: 'reviewer' });
    const delegationId = (await clients.secretariat.get('/api/delegations')).body[0].id;
    const clauseId = await server.rooms.read(draftId, (doc) => readOrderedClauses(doc).find((c) => c.kind === 'operative')!.id);
    const versionId = (await clients.secretariat.post(`/api/drafts/${draftId}/versions`, { label: 'Fixture version' })).body.id;
    ids = { draftId, memberId: created.body.member.id, delegationId, clauseId, versionId };
  });

  for (const route of ROUTES) {
    for (const who of ['anonymous', 'reviewer', 'delegate', 'secretariat'] as Who[]) {
      const allowed = route.allowed.includes(who);
      it(`${route.method} ${route.path({ draftId: ':id', memberId: ':id', delegationId: ':id', clauseId: ':id', versionId: ':id' })} as ${who} is ${allowed ? 'allowed' : 'refused'}`, async () => {
        const sent = route.body?.(ids);
        const res = await clients[who].request(route.method, route.path(ids), sent);
        if (allowed) {
          expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
          await route.changed?.(clients.secretariat, ids, sent, res.body);
        } else {
          expect(res.status).toBe(who === 'anonymous' ? 401 : 403);
          expect(res.body.error.code).toBe(who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
        }
      });
    }
  }

  it('refuses a write that a delegate sends with a valid body, and changes nothing', async () => {
    const before = (await clients.secretariat.get(`/api/drafts/${ids.draftId}`)).body.title;
    const res = await clients.delegate.patch(`/api/drafts/${ids.draftId}`, { title: 'Hijacked' });
    expect(res.status).toBe(403);
    expect((await clients.secretariat.get(`/api/drafts/${ids.draftId}`)).body.title).toBe(before);
  });

  it('answers unknown API paths with 404 NOT_FOUND in the error shape', async () => {
    const res = await clients.secretariat.get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});
