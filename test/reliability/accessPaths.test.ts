import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODE } from '../../shared/collab/closeCodes.js';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { PROJECT_ROOT } from '../../server/config.js';
import { rawUpgrade } from '../helpers/collabClient.js';
import { ApiClient } from '../helpers/http.js';
import { rawHttp } from '../helpers/rawHttp.js';
import { reportFigure } from '../helpers/reportFigure.js';
import { storedState } from '../helpers/storedMetadata.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/testServer.js';

/** Ways to write something that is not an id where an id goes; `id` is the real id of that place. */
function idTricks(id: string): Array<[string, string]> {
  const fullwidth = 'Ａ'.repeat(16);
  return [
    ['..', '..'],
    ['../../metadata.json', '../../metadata.json'],
    ['%2e%2e', '%2e%2e'],
    ['%2e%2e%2f traversal', '%2e%2e%2f%2e%2e%2fmetadata.json'],
    ['mixed-case encoding', '%2E%2e%2F'],
    ['double encoding', '%252e%252e%252fmetadata.json'],
    ['encoded backslashes', '..%5c..%5cmetadata.json'],
    ['an encoded slash inside the id', `${id.slice(0, 8)}%2F${id.slice(9)}`],
    ['overlong UTF-8 dots', '%c0%ae%c0%ae%c0%af'],
    ['fullwidth letters, raw UTF-8', fullwidth],
    ['fullwidth letters, encoded', encodeURIComponent(fullwidth)],
    ['a right-to-left override', `${encodeURIComponent('\u202e')}${id.slice(1)}`],
    ['a NUL byte', `%00${id.slice(1)}`],
    ['a NUL after the real id', `${id}%00`],
    ['a newline after the real id', `${id}%0A`],
    ['the real id plus one character', `${id}A`],
    ['8,000 characters', 'A'.repeat(8000)],
    ['__proto__', '__proto__'],
    ['constructor', 'constructor'],
    ['prototype', 'prototype'],
    ['hasOwnProperty', 'hasOwnProperty'],
    ['a well-formed unknown id', 'AAAAAAAAAAAAAAAA'],
  ];
}

/** Text that must never appear in any answer to these requests: secrets and server files. */
const NEVER_SERVED = ['passwordHash', 'tokenHash', '"sessions"', 'code-of-conduct-drafting', 'loadConfig', 'SEED_PASSWORD'];

/** NEVER_SERVED, and on PostgreSQL the server's database name too (its DATABASE_URL must not leak through an answer either). */
const neverServed = () => (server.databaseUrl ? [...NEVER_SERVED, new URL(server.databaseUrl).pathname.slice(1)] : NEVER_SERVED);

let server: TestServer;
let secretariat: ApiClient;
let ids: { draft: string; member: string; comment: string; version: string; token: string };

beforeAll(async () => {
  server = await startTestServer();
  secretariat = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
  const draft = (await secretariat.get('/api/drafts')).body[0].id as string;
  const clauseId = await server.rooms.read(draft, (doc) => readOrderedClauses(doc).find((c) => c.kind === 'operative')!.id);
  const invited = (await secretariat.post('/api/members', { email: 'paths@example.org', name: 'Paths', role: 'reviewer' })).body;
  ids = {
    draft,
    member: invited.member.id,
    token: (invited.invitationUrl as string).split('/').at(-1)!,
    comment: (await secretariat.post(`/api/drafts/${draft}/comments`, { clauseId, body: 'Target' })).body.id,
    version: (await secretariat.post(`/api/drafts/${draft}/versions`, { label: 'Target' })).body.id,
  };
});

type Slot = keyof typeof ids;
/** Every REST route with an id in its path, as a template over the slots, with a body it would accept. */
const ROUTES: Array<{ method: string; template: string; body?: unknown }> = [
  { method: 'GET', template: '/api/drafts/{draft}' },
  { method: 'PATCH', template: '/api/drafts/{draft}', body: { title: 'Renamed through a trick' } },
  { method: 'GET', template: '/api/drafts/{draft}/comments' },
  { method: 'GET', template: '/api/drafts/{draft}/versions' },
  { method: 'GET', template: '/api/drafts/{draft}/compare?from={version}&to=live' },
  { method: 'GET', template: '/api/drafts/{draft}/versions/{version}' },
  { method: 'GET', template: '/api/drafts/{draft}/versions/{version}/export?format=json' },
  { method: 'PATCH', template: '/api/drafts/{draft}/versions/{version}', body: { label: 'Relabelled through a trick' } },
  { method: 'POST', template: '/api/drafts/{draft}/versions/{version}/restore' },
  { method: 'PATCH', template: '/api/drafts/{draft}/comments/{comment}', body: { body: 'Edited through a trick' } },
  { method: 'DELETE', template: '/api/drafts/{draft}/comments/{comment}' },
  { method: 'PATCH', template: '/api/members/{member}', body: { role: 'secretariat' } },
  { method: 'POST', template: '/api/members/{member}/invitation' },
  { method: 'GET', template: '/api/invitations/{token}' },
];

describe('path tricks in REST routes', () => {
  it('answers every trick in every id of every route with 400 or 404, serves nothing secret and changes nothing', async () => {
    const before = await storedState(server);
    const wrong: string[] = [];
    let sent = 0;
    for (const route of ROUTES) {
      for (const slot of [...route.template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as Slot)) {
        for (const [name, trick] of idTricks(ids[slot])) {
          let target = route.template.replace(`{${slot}}`, trick);
          for (const [other, value] of Object.entries(ids)) target = target.replace(`{${other}}`, value);
          const body = route.body === undefined ? undefined : JSON.stringify(route.body);
          const headers: Record<string, string> = {
            cookie: secretariat.cookie!,
            origin: server.url,
            ...(body ? { 'content-type': 'application/json' } : {}),
          };
          const res = await rawHttp(server.port, route.method, target, headers, body);
          sent += 1;
          const leaked = neverServed().filter((s) => res.body.includes(s));
          if (![400, 404].includes(res.status) || leaked.length > 0)
            wrong.push(
              `${route.method} ${route.template} with ${name} in {${slot}}: ${res.status} ${leaked.join(',')} ${res.body.slice(0, 120)}`,
            );
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await storedState(server)).toEqual(before);
    reportFigure(
      'path tricks in REST ids',
      `${sent} requests (${ROUTES.length} routes, every id, ${idTricks('x').length} tricks): all 400/404, nothing served or changed`,
    );
  });

  it('serves no file outside the built client, however the path is written', async () => {
    const index = await readFile(path.join(PROJECT_ROOT, 'dist', 'client', 'index.html'), 'utf8');
    const data = server.dataDir.replace(/^\//, '');
    const targets = [
      '/../package.json',
      '/../../package.json',
      '/%2e%2e/%2e%2e/package.json',
      '/assets/../../package.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/..%5c..%5cpackage.json',
      '/%252e%252e/%252e%252e/package.json',
      '/assets/%c0%ae%c0%ae/%c0%ae%c0%ae/package.json',
      '/index.html/../../server/config.ts',
      '/%2e%2e/%2e%2e/server/config.ts',
      `/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/${data}/metadata.json`,
      `//${data}/metadata.json`,
      `/${data}/metadata.json`,
      '/.env',
      '/.git/config',
      '/server/config.ts',
      '/node_modules/ws/package.json',
    ];
    const wrong: string[] = [];
    for (const target of targets) {
      const res = await rawHttp(server.port, 'GET', target, { cookie: secretariat.cookie! });
      const leaked = neverServed().filter((s) => res.body.includes(s));
      // Client routes fall back to the single-page app: that is the only 200 allowed.
      const ok = (res.status === 200 && res.body === index) || [400, 403, 404].includes(res.status);
      if (!ok || leaked.length > 0) wrong.push(`${target}: ${res.status} ${leaked.join(',')} ${res.body.slice(0, 80)}`);
    }
    expect(wrong).toEqual([]);
    reportFigure('path traversal to files', `${targets.length} targets: only the app page or 400/403/404, no file outside dist/client`);
  });
});

describe('path tricks in the collaboration socket', () => {
  it('refuses every trick with BAD_DRAFT_ID after the handshake (UNKNOWN_DRAFT for a well-formed unknown id, or a plain HTTP refusal), and accepts the real path', async () => {
    const headers = { cookie: secretariat.cookie!, origin: server.url };
    const draft = ids.draft;
    const targets = [
      ...idTricks(draft).map(([name, trick]) => [name, `/collab/${trick}`] as const),
      ['an empty segment', `/collab//${draft}`],
      ['a trailing slash', `/collab/${draft}/`],
      ['a second segment', `/collab/${draft}/extra`],
      ['a path parameter', `/collab/${draft};x=1`],
      ['an encoded space', `/collab/${draft}%20`],
      ['a fragment', `/collab/${draft}#x`],
      ['a traversal back into /collab', `/collab/%2e%2e/collab/${draft}`],
      ['a backslash', `/collab\\${draft}`],
      ['upper case', `/COLLAB/${draft}`],
      ['no slash', `/collab${draft}`],
      ['the API', '/api/drafts'],
      ['the root', '/'],
    ];
    const wrong: string[] = [];
    for (const [name, target] of targets) {
      const answer = await rawUpgrade(server, target, headers);
      // A well-formed id that names no draft is refused as such; everything else never gets that far.
      const code = /^\/collab\/[A-Za-z0-9_-]{16}$/.test(target) ? CLOSE_CODE.UNKNOWN_DRAFT : CLOSE_CODE.BAD_DRAFT_ID;
      const refused = (answer.status === 101 && answer.closeCode === code) || (answer.status >= 400 && answer.status < 500);
      if (!refused) wrong.push(`${name} (${target.slice(0, 60)}): ${JSON.stringify(answer)}`);
    }
    expect(wrong).toEqual([]);
    expect(await rawUpgrade(server, `/collab/${draft}`, headers)).toEqual({ status: 101, closeCode: null });
    expect(await rawUpgrade(server, `/collab/${draft}?room=${encodeURIComponent('../x')}`, headers)).toEqual({
      status: 101,
      closeCode: null,
    });
    reportFigure(
      'path tricks in websocket paths',
      `${targets.length} targets refused (4414 BAD_DRAFT_ID or HTTP 4xx), the real path accepted`,
    );
  });
});
