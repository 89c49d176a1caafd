import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/roles.js';
import { starterDraftId } from '../../helpers/collabClient.js';
import { ApiClient } from '../../helpers/http.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../helpers/testServer.js';

type Who = Role | 'anonymous';

interface VersionRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: (draft: string, version: string) => string;
  body?: unknown;
  allowed: Who[];
  /** For a change: reads back that it really happened (the versions of the draft, as the secretariat sees them). */
  changed?: (versions: Array<{ id: string; label: string; revision: number | null }>, version: string, answer: any) => void;
}

/** Routes of one version, each called on a fresh version saved by the delegate us@example.org. */
const ROUTES: VersionRoute[] = [
  { method: 'GET', path: (d, v) => `/api/drafts/${d}/versions/${v}`, allowed: ['secretariat', 'delegate', 'reviewer'] },
  { method: 'GET', path: (d, v) => `/api/drafts/${d}/compare?from=${v}&to=live`, allowed: ['secretariat', 'delegate', 'reviewer'] },
  // The delegate is the version's author here; another delegate is refused (versions.test.ts).
  {
    method: 'PATCH',
    path: (d, v) => `/api/drafts/${d}/versions/${v}`,
    body: { label: 'Renamed' },
    allowed: ['secretariat', 'delegate'],
    changed: (versions, v) => expect(versions.find((x) => x.id === v)?.label).toBe('Renamed'),
  },
  {
    method: 'DELETE',
    path: (d, v) => `/api/drafts/${d}/versions/${v}`,
    allowed: ['secretariat', 'delegate'],
    changed: (versions, v) => expect(versions.map((x) => x.id)).not.toContain(v),
  },
  {
    method: 'POST',
    path: (d, v) => `/api/drafts/${d}/versions/${v}/publish`,
    allowed: ['secretariat'],
    changed: (versions, v) => expect(versions.find((x) => x.id === v)?.revision).toBeGreaterThan(0),
  },
  {
    method: 'POST',
    path: (d, v) => `/api/drafts/${d}/versions/${v}/restore`,
    allowed: ['secretariat'],
    changed: (versions, _v, answer) => expect(versions.map((x) => x.id)).toContain(answer.backup.id),
  },
];

const EMAIL: Record<Role, string> = {
  secretariat: 'secretariat@example.org',
  delegate: 'us@example.org',
  reviewer: 'reviewer@example.org',
};

describe('version permissions: every role against every route of one version', () => {
  let server: TestServer;
  let draftId: string;
  const clients = {} as Record<Who, ApiClient>;

  beforeAll(async () => {
    server = await startTestServer();
    draftId = await starterDraftId(server);
    for (const role of Object.keys(EMAIL) as Role[]) clients[role] = await new ApiClient(server.url).signIn(EMAIL[role], TEST_PASSWORD);
    clients.anonymous = new ApiClient(server.url);
  });

  for (const route of ROUTES) {
    for (const who of ['anonymous', 'reviewer', 'delegate', 'secretariat'] as Who[]) {
      const allowed = route.allowed.includes(who);
      it(`${route.method} ${route.path(':id', ':versionId')} as ${who} is ${allowed ? 'allowed' : 'refused'}`, async () => {
        const version = (await clients.delegate.post(`/api/drafts/${draftId}/versions`, { label: 'Fresh' })).body.id as string;
        const res = await clients[who].request(route.method, route.path(draftId, version), route.body);
        if (allowed) {
          expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
          route.changed?.((await clients.secretariat.get(`/api/drafts/${draftId}/versions`)).body, version, res.body);
        } else {
          expect(res.status).toBe(who === 'anonymous' ? 401 : 403);
          expect(res.body.error.code).toBe(who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
        }
      });
    }
  }
});
