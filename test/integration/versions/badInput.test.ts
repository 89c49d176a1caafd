import { beforeAll, describe, expect, it } from 'vitest';
import { starterDraftId } from '../../helpers/collabClient.js';
import type { ApiClient } from '../../helpers/http.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { signInAll, storedState } from './versionHelpers.js';

describe('versions: bad input gets a clear code and changes nothing', () => {
  let server: TestServer;
  let draftId: string;
  let otherDraftId: string;
  let as: Awaited<ReturnType<typeof signInAll>>;
  let version: string;
  let published: string;
  let foreign: string;
  const url = (rest = '', draft = draftId) => `/api/drafts/${draft}/versions${rest}`;

  beforeAll(async () => {
    server = await startTestServer();
    draftId = await starterDraftId(server);
    as = await signInAll(server);
    otherDraftId = (await as.secretariat.post('/api/drafts', { title: 'Another code', template: 'starter' })).body.id;
    version = (await as.delegate.post(url(), { label: 'Unpublished' })).body.id;
    published = (await as.delegate.post(url(), { label: 'Published' })).body.id;
    expect((await as.secretariat.post(url(`/${published}/publish`))).body.revision).toBe(1);
    foreign = (await as.secretariat.post(url('', otherDraftId), { label: 'Of the other draft' })).body.id;
  });

  const cases: Array<[string, () => [ApiClient, string, string, unknown?], number, string]> = [
    ['an empty label', () => [as.delegate, 'POST', url(), { label: '   ' }], 400, 'VALIDATION_FAILED'],
    ['a label of 201 characters', () => [as.delegate, 'POST', url(), { label: 'x'.repeat(201) }], 400, 'VALIDATION_FAILED'],
    ['a label with a control character', () => [as.delegate, 'POST', url(), { label: 'Rev\u0007' }], 400, 'VALIDATION_FAILED'],
    ['a label that is not text', () => [as.delegate, 'POST', url(), { label: 42 }], 400, 'VALIDATION_FAILED'],
    ['unknown fields', () => [as.delegate, 'POST', url(), { label: 'ok', revision: 7 }], 400, 'VALIDATION_FAILED'],
    ['saving as a reviewer', () => [as.reviewer, 'POST', url(), { label: 'Reviewer copy' }], 403, 'FORBIDDEN'],
    ['an unknown version id', () => [as.reviewer, 'GET', url('/AAAAAAAAAAAAAAAA')], 404, 'VERSION_NOT_FOUND'],
    ['a malformed version id', () => [as.reviewer, 'GET', url('/..%2F..%2Fmetadata')], 404, 'VERSION_NOT_FOUND'],
    ['a version of another draft', () => [as.reviewer, 'GET', url(`/${foreign}`)], 404, 'VERSION_NOT_FOUND'],
    ['publishing a version of another draft', () => [as.secretariat, 'POST', url(`/${foreign}/publish`)], 404, 'VERSION_NOT_FOUND'],
    ['restoring a version of another draft', () => [as.secretariat, 'POST', url(`/${foreign}/restore`)], 404, 'VERSION_NOT_FOUND'],
    ['publishing an unknown version', () => [as.secretariat, 'POST', url('/AAAAAAAAAAAAAAAA/publish')], 404, 'VERSION_NOT_FOUND'],
    ['publishing twice', () => [as.secretariat, 'POST', url(`/${published}/publish`)], 409, 'ALREADY_PUBLISHED'],
    ['publishing as a delegate', () => [as.delegate, 'POST', url(`/${version}/publish`)], 403, 'FORBIDDEN'],
    ['restoring as a delegate', () => [as.delegate, 'POST', url(`/${version}/restore`)], 403, 'FORBIDDEN'],
    ['restoring as a reviewer', () => [as.reviewer, 'POST', url(`/${version}/restore`)], 403, 'FORBIDDEN'],
    [
      'renaming a published revision',
      () => [as.secretariat, 'PATCH', url(`/${published}`), { label: 'New name' }],
      409,
      'REVISION_IMMUTABLE',
    ],
    ['deleting a published revision', () => [as.secretariat, 'DELETE', url(`/${published}`)], 409, 'REVISION_IMMUTABLE'],
    ['renaming to an empty label', () => [as.delegate, 'PATCH', url(`/${version}`), { label: '' }], 400, 'VALIDATION_FAILED'],
    ['renaming another delegate’s version', () => [as.otherDelegate, 'PATCH', url(`/${version}`), { label: 'Taken' }], 403, 'FORBIDDEN'],
    [
      'comparing with an unknown version',
      () => [as.reviewer, 'GET', `/api/drafts/${draftId}/compare?from=AAAAAAAAAAAAAAAA&to=live`],
      404,
      'VERSION_NOT_FOUND',
    ],
    [
      'comparing with a version of another draft',
      () => [as.reviewer, 'GET', `/api/drafts/${draftId}/compare?from=${foreign}&to=live`],
      404,
      'VERSION_NOT_FOUND',
    ],
    ['comparing without `to`', () => [as.reviewer, 'GET', `/api/drafts/${draftId}/compare?from=${version}`], 400, 'VALIDATION_FAILED'],
    [
      'comparing with a malformed `from`',
      () => [as.reviewer, 'GET', `/api/drafts/${draftId}/compare?from=../x&to=live`],
      400,
      'VALIDATION_FAILED',
    ],
    ['versions of an unknown draft', () => [as.reviewer, 'GET', url('', 'AAAAAAAAAAAAAAAA')], 404, 'DRAFT_NOT_FOUND'],
  ];

  it.each(cases)('refuses %s', async (_name, request, status, code) => {
    const before = await storedState(server);
    const [client, method, path, body] = request();
    const res = await client.request(method, path, body);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(await storedState(server)).toEqual(before);
  });

  it('keeps version snapshots in the data folder under the draft, one file per version, and nothing else', async () => {
    const { snapshots } = await storedState(server);
    expect(Object.keys(snapshots).sort()).toEqual(
      [`${draftId}/${version}.bin`, `${draftId}/${published}.bin`, `${otherDraftId}/${foreign}.bin`].sort(),
    );
  });
});
