import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeAnchorPosition } from '../../../shared/comments/commentAnchor.js';
import { deleteClause } from '../../../shared/doc/deleteClause.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { openCollabClient, signInCookie, starterDraftId, type CollabClient } from '../../helpers/collabClient.js';
import { EventStreamReader } from '../../helpers/eventStream.js';
import { ApiClient } from '../../helpers/http.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../helpers/testServer.js';

/** An anchor on characters [from, to) of the first paragraph of a clause, as a browser would make it. */
function anchorOn(doc: Y.Doc, clauseId: string, from: number, to: number) {
  const clause = readOrderedClauses(doc).find((c) => c.id === clauseId)!;
  const paragraph = clause.body.get(0) as Y.XmlElement;
  const text = paragraph.get(0) as Y.XmlText;
  return {
    start: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, from)),
    end: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, to)),
    quote: text.toString().slice(from, to),
  };
}

describe('comment threads on clauses', () => {
  let server: TestServer;
  let draftId: string;
  let secretariat: ApiClient;
  let reviewer: ApiClient;
  let delegate: ApiClient;
  let other: ApiClient;
  let editor: CollabClient;
  let operative: string[];

  beforeAll(async () => {
    server = await startTestServer();
    draftId = await starterDraftId(server);
    secretariat = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
    reviewer = await new ApiClient(server.url).signIn('reviewer@example.org', TEST_PASSWORD);
    delegate = await new ApiClient(server.url).signIn('us@example.org', TEST_PASSWORD);
    other = await new ApiClient(server.url).signIn('dk@example.org', TEST_PASSWORD);
    editor = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'au@example.org') });
    operative = readOrderedClauses(editor.doc)
      .filter((c) => c.kind === 'operative')
      .map((c) => c.id);
  });

  const url = () => `/api/drafts/${draftId}/comments`;

  it('lets a reviewer open an anchored thread that others answer, and the author resolve it', async () => {
    const anchor = anchorOn(editor.doc, operative[0]!, 0, 11);
    const created = await reviewer.post(url(), { clauseId: operative[0], body: 'Why "take into account"?\nConsider "assess".', anchor });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      clauseId: operative[0],
      parentId: null,
      body: 'Why "take into account"?\nConsider "assess".',
      anchor: { quote: anchor.quote },
      resolved: false,
      author: { name: 'Amara Okafor', role: 'reviewer', delegation: null },
    });
    expect(created.body.threadId).toBe(created.body.id);

    const reply = await delegate.post(url(), { clauseId: operative[0], body: 'We can accept "assess".', parentId: created.body.id });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ threadId: created.body.id, parentId: created.body.id, author: { delegation: 'United States' } });

    // A delegate who did not open the thread cannot resolve it; the author can; anyone can reopen.
    const refused = await other.patch(`${url()}/${created.body.id}`, { resolved: true });
    expect(refused.status).toBe(403);
    const resolved = await reviewer.patch(`${url()}/${created.body.id}`, { resolved: true });
    expect(resolved.body).toMatchObject({ resolved: true, resolvedBy: { name: 'Amara Okafor' } });
    const reopened = await other.patch(`${url()}/${created.body.id}`, { resolved: false });
    expect(reopened.body).toMatchObject({ resolved: false, resolvedBy: null });
    const bySecretariat = await secretariat.patch(`${url()}/${created.body.id}`, { resolved: true });
    expect(bySecretariat.body.resolved).toBe(true);

    const listed = (await other.get(url())).body as Array<{ id: string }>;
    expect(listed.map((c) => c.id)).toEqual(expect.arrayContaining([created.body.id, reply.body.id]));
  });

  it('refuses to resolve or reopen a reply, by its author or the secretariat, and stores nothing of such a request', async () => {
    const thread = await reviewer.post(url(), { clauseId: operative[1], body: 'A thread' });
    const reply = await delegate.post(url(), { clauseId: operative[1], body: 'A reply', parentId: thread.body.id });
    const metadata = () => readFile(path.join(server.dataDir, 'metadata.json'), 'utf8');
    const before = await metadata();
    for (const [who, body] of [
      [delegate, { resolved: true }],
      [secretariat, { resolved: true }],
      [delegate, { resolved: false }],
      [delegate, { resolved: true, body: 'Edited on the way' }],
    ] as const) {
      const res = await who.patch(`${url()}/${reply.body.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect(await metadata()).toBe(before);
    const listed = (await reviewer.get(url())).body as Array<{ id: string; body: string; resolved: boolean; editedAt: string | null }>;
    expect(listed.find((c) => c.id === reply.body.id)).toMatchObject({ body: 'A reply', resolved: false, editedAt: null });
  });

  it('lets only the author edit or delete a comment, and leaves a marker when deleted', async () => {
    const created = await delegate.post(url(), { clauseId: operative[1], body: 'First thought' });
    expect((await other.patch(`${url()}/${created.body.id}`, { body: 'Hijacked' })).status).toBe(403);
    expect((await secretariat.delete(`${url()}/${created.body.id}`)).status).toBe(403);
    const edited = await delegate.patch(`${url()}/${created.body.id}`, { body: 'Second thought' });
    expect(edited.body).toMatchObject({ body: 'Second thought' });
    expect(edited.body.editedAt).not.toBeNull();
    const reply = await other.post(url(), { clauseId: operative[1], body: 'Agree', parentId: created.body.id });
    const deleted = await delegate.delete(`${url()}/${created.body.id}`);
    expect(deleted.body).toMatchObject({ deleted: true, body: null });
    const listed = (await reviewer.get(url())).body as Array<{ id: string; body: string | null; deleted: boolean }>;
    expect(listed.find((c) => c.id === created.body.id)).toMatchObject({ deleted: true, body: null });
    expect(listed.find((c) => c.id === reply.body.id)).toMatchObject({ body: 'Agree', deleted: false });
    expect((await delegate.patch(`${url()}/${created.body.id}`, { body: 'Back' })).body.error.code).toBe('COMMENT_DELETED');
  });

  it('keeps threads of a deleted clause reachable, and refuses new threads on it', async () => {
    const created = await reviewer.post(url(), { clauseId: operative[2], body: 'On a clause about to go' });
    editor.doc.transact(() => deleteClause(editor.doc, operative[2]!));
    await expect.poll(async () => (await reviewer.post(url(), { clauseId: operative[2], body: 'Too late' })).status).toBe(409);
    const listed = (await reviewer.get(url())).body as Array<{ id: string }>;
    expect(listed.map((c) => c.id)).toContain(created.body.id);
    const reply = await delegate.post(url(), { clauseId: operative[2], body: 'Answering anyway', parentId: created.body.id });
    expect(reply.status).toBe(201);
  });

  it('delivers new comments, replies and resolutions live to another open page of the draft', async () => {
    const stream = await EventStreamReader.open(`${server.url}/api/drafts/${draftId}/events`, other.cookie);
    try {
      const created = await reviewer.post(url(), { clauseId: operative[3], body: 'Live one' });
      const seen = await stream.waitFor((e) => e.event === 'comment.changed' && e.data.comment.id === created.body.id, 1000);
      expect(seen.data.comment.body).toBe('Live one');
      await delegate.post(url(), { clauseId: operative[3], body: 'Live reply', parentId: created.body.id });
      await stream.waitFor((e) => e.data.comment?.body === 'Live reply', 1000);
      await reviewer.patch(`${url()}/${created.body.id}`, { resolved: true });
      await stream.waitFor((e) => e.data.comment?.id === created.body.id && e.data.comment.resolved === true, 1000);
    } finally {
      stream.close();
    }
  });

  describe('bad input: a code, and nothing stored', () => {
    const count = async () => ((await secretariat.get(url())).body as unknown[]).length;

    it.each([
      ['an unknown clause', () => ({ clauseId: 'AAAAAAAAAAAAAAAA', body: 'x' }), 404, 'CLAUSE_NOT_FOUND'],
      ['a malformed clause id', () => ({ clauseId: '../../etc', body: 'x' }), 400, 'VALIDATION_FAILED'],
      ['empty text', () => ({ clauseId: operative[0], body: '  \n ' }), 400, 'VALIDATION_FAILED'],
      ['over-long text', () => ({ clauseId: operative[0], body: 'x'.repeat(4001) }), 400, 'VALIDATION_FAILED'],
      [
        'an anchor that does not decode',
        () => ({ clauseId: operative[0], body: 'x', anchor: { start: 'AAAA', end: '////', quote: 'q' } }),
        400,
        'BAD_ANCHOR',
      ],
      [
        'an anchor that is not base64',
        () => ({ clauseId: operative[0], body: 'x', anchor: { start: '<script>', end: 'x', quote: 'q' } }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'an anchor into another clause',
        () => ({ clauseId: operative[0], body: 'x', anchor: anchorOn(editor.doc, operative[1]!, 0, 3) }),
        400,
        'BAD_ANCHOR',
      ],
      [
        'a reply to an unknown comment',
        () => ({ clauseId: operative[0], body: 'x', parentId: 'AAAAAAAAAAAAAAAA' }),
        404,
        'COMMENT_NOT_FOUND',
      ],
    ])('refuses %s', async (_name, body, status, code) => {
      const before = await count();
      const res = await reviewer.post(url(), body());
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(await count()).toBe(before);
    });

    it('refuses a reply to a thread of another draft, and a comment on another draft’s clause', async () => {
      const otherDraft = (await secretariat.post('/api/drafts', { title: 'Second draft', template: 'starter' })).body.id;
      const foreign = await reviewer.post(`/api/drafts/${otherDraft}/comments`, { clauseId: operative[0], body: 'Wrong draft' });
      expect(foreign.status).toBe(404);
      expect(foreign.body.error.code).toBe('CLAUSE_NOT_FOUND');
      const secondEditor = await openCollabClient(server, { draftId: otherDraft, cookie: await signInCookie(server, 'au@example.org') });
      const theirClause = readOrderedClauses(secondEditor.doc).find((c) => c.kind === 'operative')!.id;
      const thread = await reviewer.post(`/api/drafts/${otherDraft}/comments`, { clauseId: theirClause, body: 'There' });
      expect(thread.status).toBe(201);
      const before = await count();
      const crossReply = await reviewer.post(url(), { clauseId: operative[0], body: 'Here', parentId: thread.body.id });
      expect(crossReply.status).toBe(404);
      expect(crossReply.body.error.code).toBe('COMMENT_NOT_FOUND');
      const crossPatch = await reviewer.patch(`${url()}/${thread.body.id}`, { body: 'x' });
      expect(crossPatch.status).toBe(404);
      expect(await count()).toBe(before);
    });

    it('refuses signed-out readers and writers', async () => {
      const anonymous = new ApiClient(server.url);
      expect((await anonymous.get(url())).status).toBe(401);
      expect((await anonymous.post(url(), { clauseId: operative[0], body: 'x' })).status).toBe(401);
    });
  });
});
