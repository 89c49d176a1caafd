import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { request } from 'node:http';
import { deflateSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../helpers/http.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../helpers/testServer.js';

describe('bad input gets a clear error, a stable code, and writes nothing', () => {
  let server: TestServer;
  let secretariat: ApiClient;
  const metadata = () => readFile(path.join(server.dataDir, 'metadata.json'), 'utf8');

  beforeAll(async () => {
    server = await startTestServer();
    secretariat = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
  });

  const cases: Array<{
    name: string;
    method: string;
    path: string;
    body: unknown;
    headers?: Record<string, string>;
    status: number;
    code: string;
  }> = [
    { name: 'malformed JSON', method: 'POST', path: '/api/drafts', body: '{"title": "x"', status: 400, code: 'MALFORMED_JSON' },
    {
      name: 'a JSON string instead of an object',
      method: 'POST',
      path: '/api/drafts',
      body: '"title"',
      status: 400,
      code: 'MALFORMED_JSON',
    },
    {
      name: 'an unknown field',
      method: 'POST',
      path: '/api/drafts',
      body: { title: 'Fine', colour: 'red' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    { name: 'a wrong type', method: 'POST', path: '/api/drafts', body: { title: 42 }, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'an empty title', method: 'POST', path: '/api/drafts', body: { title: '   ' }, status: 400, code: 'VALIDATION_FAILED' },
    {
      name: 'an over-long title',
      method: 'POST',
      path: '/api/drafts',
      body: { title: 'x'.repeat(301) },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'a control character in a title',
      method: 'POST',
      path: '/api/drafts',
      body: { title: 'a\u0000b' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'an oversized body',
      method: 'POST',
      path: '/api/drafts',
      body: { title: 'x'.repeat(70_000) },
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    },
    {
      name: 'a __proto__ key',
      method: 'POST',
      path: '/api/drafts',
      body: '{"title":"T","__proto__":{"isAdmin":true}}',
      status: 400,
      code: 'FORBIDDEN_KEY',
    },
    {
      name: 'a nested constructor key',
      method: 'POST',
      path: '/api/members',
      body: '{"email":"a@b.org","name":"A","role":"reviewer","x":{"constructor":{"prototype":1}}}',
      status: 400,
      code: 'FORBIDDEN_KEY',
    },
    {
      name: 'a form-encoded body',
      method: 'POST',
      path: '/api/drafts',
      body: 'title=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
    {
      name: 'a foreign Origin',
      method: 'POST',
      path: '/api/drafts',
      body: { title: 'From elsewhere' },
      headers: { origin: 'https://evil.example' },
      status: 403,
      code: 'BAD_ORIGIN',
    },
    {
      name: 'a delegate without a delegation',
      method: 'POST',
      path: '/api/members',
      body: { email: 'd@example.org', name: 'D', role: 'delegate' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'an unknown role',
      method: 'POST',
      path: '/api/members',
      body: { email: 'd@example.org', name: 'D', role: 'admin' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'an invalid email',
      method: 'POST',
      path: '/api/members',
      body: { email: 'not-an-email', name: 'D', role: 'reviewer' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'an existing email',
      method: 'POST',
      path: '/api/members',
      body: { email: 'US@example.org', name: 'D', role: 'reviewer' },
      status: 409,
      code: 'EMAIL_TAKEN',
    },
    {
      name: 'an unknown delegation',
      method: 'POST',
      path: '/api/members',
      body: { email: 'e@example.org', name: 'E', role: 'delegate', delegationId: 'AAAAAAAAAAAAAAAA' },
      status: 404,
      code: 'DELEGATION_NOT_FOUND',
    },
    {
      name: 'an existing delegation name',
      method: 'POST',
      path: '/api/delegations',
      body: { name: 'denmark' },
      status: 409,
      code: 'DELEGATION_EXISTS',
    },
    { name: 'an empty patch', method: 'PATCH', path: '/api/drafts/AAAAAAAAAAAAAAAA', body: {}, status: 400, code: 'VALIDATION_FAILED' },
    {
      name: 'an unknown draft id',
      method: 'PATCH',
      path: '/api/drafts/AAAAAAAAAAAAAAAA',
      body: { title: 'X' },
      status: 404,
      code: 'DRAFT_NOT_FOUND',
    },
    {
      name: 'a malformed draft id',
      method: 'GET',
      path: '/api/drafts/..%2F..%2Fmetadata',
      body: undefined,
      status: 404,
      code: 'DRAFT_NOT_FOUND',
    },
    { name: 'a __proto__ draft id', method: 'GET', path: '/api/drafts/__proto__', body: undefined, status: 404, code: 'DRAFT_NOT_FOUND' },
    {
      name: 'an unknown member',
      method: 'PATCH',
      path: '/api/members/AAAAAAAAAAAAAAAA',
      body: { name: 'X' },
      status: 404,
      code: 'MEMBER_NOT_FOUND',
    },
    {
      name: 'a malformed invitation token',
      method: 'GET',
      path: '/api/invitations/abc',
      body: undefined,
      status: 404,
      code: 'INVITATION_INVALID',
    },
  ];

  for (const c of cases) {
    it(`answers ${c.name} with ${c.status} ${c.code}`, async () => {
      const before = await metadata();
      const res = await secretariat.request(c.method, c.path, c.body, c.headers);
      expect(res.status).toBe(c.status);
      expect(res.body.error.code).toBe(c.code);
      expect(typeof res.body.error.message).toBe('string');
      expect(await metadata()).toBe(before);
    });
  }

  it.each([
    ['a gzip body cut short', 'gzip', gzipSync(Buffer.from(JSON.stringify({ title: 'Compressed title' }))).subarray(0, 20)],
    ['a deflate body cut short', 'deflate', deflateSync(Buffer.from(JSON.stringify({ title: 'Compressed title' }))).subarray(0, 8)],
    ['a body that is not the gzip it claims to be', 'gzip', Buffer.from('{"title":"plain"}')],
  ])('answers %s with 400 MALFORMED_BODY, logging no failure', async (_name, encoding, body) => {
    const before = await metadata();
    const errors = vi.spyOn(console, 'error');
    const res = await rawPost(`${server.url}/api/drafts`, secretariat.cookie!, body, { 'content-encoding': encoding });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe('MALFORMED_BODY');
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
    expect(await metadata()).toBe(before);
  });

  it('keeps serving after all of that', async () => {
    expect((await secretariat.get('/api/me')).status).toBe(200);
  });

  it('sends security headers on API responses and on the app', async () => {
    for (const p of ['/api/me', '/']) {
      const res = await secretariat.get(p);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    }
  });
});

/** A POST with exactly these body bytes and headers (JSON content type, the session cookie). */
function rawPost(url: string, cookie: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length, cookie, ...headers } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
