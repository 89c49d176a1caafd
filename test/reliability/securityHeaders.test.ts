import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, REDLINE_FORMATS } from '../../shared/export/exportFormats.js';
import { PROJECT_ROOT } from '../../server/config.js';
import { ApiClient } from '../helpers/http.js';
import { reportFigure } from '../helpers/reportFigure.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/testServer.js';
import { attr, elements } from '../unit/export/htmlTree.js';

let server: TestServer;
let api: ApiClient;
let draftId: string;
let versionId: string;

/** The directives of a Content-Security-Policy header, by name. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

/** A policy under which no inline or foreign script can run. */
function expectNoInlineScript(csp: string | null, where: string): void {
  expect(csp, where).toBeTruthy();
  const policy = directives(csp!);
  const scripts = policy.get('script-src') ?? policy.get('default-src');
  expect(scripts, `${where}: script-src or default-src`).toBeDefined();
  for (const loose of ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'http:', 'https:', 'blob:'])
    expect(scripts, `${where}: ${loose}`).not.toContain(loose);
  expect(policy.get('object-src') ?? policy.get('default-src'), `${where}: object-src`).toEqual(["'none'"]);
  expect(policy.get('frame-ancestors'), `${where}: frame-ancestors`).toEqual(["'none'"]);
  expect(policy.get('base-uri'), `${where}: base-uri`).toEqual(["'none'"]);
}

beforeAll(async () => {
  server = await startTestServer();
  api = await new ApiClient(server.url).signIn('us@example.org', TEST_PASSWORD);
  const secretariat = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
  // A title a file name must not carry over: separators, quotes, markup.
  draftId = (await secretariat.post('/api/drafts', { title: '../../etc/passwd "quoted" <b>x</b> \\ back', template: 'starter' })).body.id;
  versionId = (await api.post(`/api/drafts/${draftId}/versions`, { label: 'Headers' })).body.id;
});

describe('security headers on every kind of response', () => {
  it('sends a CSP without inline script, nosniff and no-referrer on pages, assets, API answers, errors and the event stream', async () => {
    const index = await readFile(path.join(PROJECT_ROOT, 'dist', 'client', 'index.html'), 'utf8');
    const assets = elements(index)
      .flatMap((e) => [attr(e, 'src'), attr(e, 'href')])
      .filter((u): u is string => !!u && u.startsWith('/'));
    const classes: Array<[string, string, RequestInit?, string?]> = [
      ['the app page', '/'],
      ['a deep link', `/drafts/${draftId}/history`],
      ['an invitation link', '/invitation/abc'],
      ...assets.map((asset): [string, string] => [`asset ${asset}`, asset]),
      ['an API answer', '/api/me', { headers: { cookie: api.cookie! } }],
      ['an API refusal (401)', '/api/me'],
      ['an unknown API path (404)', '/api/nothing'],
      [
        'malformed JSON (400)',
        '/api/drafts',
        { method: 'POST', headers: { cookie: api.cookie!, 'content-type': 'application/json' }, body: '{' },
      ],
      [
        'a body over the limit (413)',
        '/api/drafts',
        {
          method: 'POST',
          headers: { cookie: api.cookie!, 'content-type': 'application/json' },
          body: JSON.stringify({ title: 'x'.repeat(70_000) }),
        },
      ],
      ['the event stream', `/api/drafts/${draftId}/events`, { headers: { cookie: api.cookie! } }],
    ];
    for (const [where, url, init] of classes) {
      const controller = new AbortController();
      const res = await fetch(server.url + url, { ...init, signal: controller.signal });
      expectNoInlineScript(res.headers.get('content-security-policy'), where);
      expect(res.headers.get('x-content-type-options'), where).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), where).toBe('no-referrer');
      expect(res.headers.get('x-powered-by'), where).toBeNull();
      controller.abort();
    }
    reportFigure(
      'security headers',
      `${classes.length} kinds of response (pages, ${assets.length} assets, API answers and errors, event stream): CSP without inline script, nosniff, no-referrer`,
    );
  });

  it('serves the app page without a single inline script or event handler', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const all = elements(html);
    const scripts = all.filter((e) => e.tagName === 'script');
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((s) => !attr(s, 'src')).length).toBe(0);
    expect(all.flatMap((e) => e.attrs.filter((a) => a.name.startsWith('on')))).toEqual([]);
  });

  it('serves every export and redline as a sandboxed attachment with a file name that cannot escape its folder', async () => {
    const urls = [
      ...EXPORT_FORMATS.map((f) => `/api/drafts/${draftId}/versions/${versionId}/export?format=${f}`),
      ...REDLINE_FORMATS.map((f) => `/api/drafts/${draftId}/compare/export?from=${versionId}&to=live&format=${f}`),
    ];
    for (const url of urls) {
      const res = await fetch(server.url + url, { headers: { cookie: api.cookie! } });
      const disposition = res.headers.get('content-disposition') ?? '';
      const fileName = /filename="([^"]*)"/.exec(disposition)?.[1] ?? '';
      expect(disposition, url).toMatch(/^attachment; filename="[^"]+"; filename\*=UTF-8''\S+$/);
      expect(fileName, url).toMatch(/^[A-Za-z0-9._-]+$/);
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(res.headers.get('cache-control'), url).toBe('private, no-store');
      const policy = directives(res.headers.get('content-security-policy') ?? '');
      expect(policy.has('sandbox'), url).toBe(true);
      expect(policy.get('default-src'), url).toEqual(["'none'"]);
      expect(policy.has('script-src'), url).toBe(false);
      await res.arrayBuffer();
    }
    reportFigure(
      'downloads',
      `${urls.length} export and redline routes: attachment, sanitised file name, nosniff, no-store, CSP default-src 'none' + sandbox`,
    );
  });
});
