import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DraftText } from '../../../shared/export/DraftText.js';
import { VersionDetail, VersionView } from '../../../shared/api/versions.js';
import { renderJson } from '../../../server/export/renderJson.js';
import { VERSIONS_DIR } from '../../../server/storage/VersionSnapshotStore.js';
import { openCollabClient, signInCookie, starterDraftId, type CollabClient } from '../../helpers/collabClient.js';
import { EventStreamReader } from '../../helpers/eventStream.js';
import type { ApiClient } from '../../helpers/http.js';
import { manualClock, startTestServer, type TestServer } from '../../helpers/testServer.js';
import { operativeIds, serverParagraphs, signInAll, typeInto } from './versionHelpers.js';

describe('saving and publishing versions', () => {
  const clock = manualClock(new Date('2026-03-02T10:00:00Z'));
  let server: TestServer;
  let draftId: string;
  let editor: CollabClient;
  let op: string[];
  let as: Awaited<ReturnType<typeof signInAll>>;
  const url = (rest = '') => `/api/drafts/${draftId}/versions${rest}`;

  beforeAll(async () => {
    server = await startTestServer({ clock });
    draftId = await starterDraftId(server);
    as = await signInAll(server);
    editor = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'au@example.org') });
    op = operativeIds(editor.doc);
  });

  async function save(client: ApiClient, label: string): Promise<VersionView> {
    clock.advance(60_000);
    const res = await client.post(url(), { label });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return VersionView.parse(res.body);
  }

  it('saves a named version with its label trimmed, its author and delegation, and lists versions newest first', async () => {
    const first = await save(as.delegate, '  Before the informal consultations  ');
    expect(first).toMatchObject({
      draftId,
      label: 'Before the informal consultations',
      kind: 'named',
      author: { name: expect.any(String), delegation: 'United States' },
      createdAt: new Date(clock()).toISOString(),
      revision: null,
      publishedAt: null,
      publishedBy: null,
    });
    expect(first.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const second = await save(as.secretariat, 'After the informal consultations');
    const listed = (await as.reviewer.get(url())).body as VersionView[];
    expect(listed.map((v) => v.id).slice(0, 2)).toEqual([second.id, first.id]);
  });

  it('opens a version read-only as DraftText: the text as it was, even after later edits', async () => {
    typeInto(editor.doc, op[0]!, 0, 'FIRST EDIT ');
    await expect.poll(async () => (await serverParagraphs(server, draftId, op[0]!))[0]).toMatch(/^FIRST EDIT /);
    const version = await save(as.delegate, 'With the first edit');
    typeInto(editor.doc, op[0]!, 0, 'SECOND EDIT ');
    await expect.poll(async () => (await serverParagraphs(server, draftId, op[0]!))[0]).toMatch(/^SECOND EDIT /);

    const res = await as.reviewer.get(url(`/${version.id}`));
    expect(res.status).toBe(200);
    const detail = VersionDetail.parse(res.body);
    expect(detail.version).toEqual(version);
    expect(detail.text).toMatchObject({ draftId, revision: null, versionLabel: 'With the first edit', date: version.createdAt });
    const clause = detail.text.clauses.find((c) => c.id === op[0])!;
    expect(clause.number).toBe('OP1');
    const firstParagraph = clause.blocks[0]!;
    expect(firstParagraph.type === 'paragraph' && firstParagraph.content.map((r) => r.text).join('')).toMatch(
      /^FIRST EDIT Subscribing States/,
    );
  });

  it('publishes Rev.1, Rev.2 ... per draft, dated, with a fingerprint equal to the sha256 of the JSON export', async () => {
    const a = await save(as.delegate, 'Candidate A');
    const b = await save(as.delegate, 'Candidate B');
    clock.advance(60_000);
    const rev1 = await as.secretariat.post(url(`/${a.id}/publish`));
    expect(rev1.status).toBe(200);
    expect(rev1.body).toMatchObject({
      id: a.id,
      revision: 1,
      publishedAt: new Date(clock()).toISOString(),
      publishedBy: { name: expect.any(String) },
    });
    const rev2 = await as.secretariat.post(url(`/${b.id}/publish`));
    expect(rev2.body.revision).toBe(2);

    const detail = VersionDetail.parse((await as.reviewer.get(url(`/${a.id}`))).body);
    expect(detail.text.revision).toBe('Rev.1');
    const exported = renderJson(DraftText.parse(detail.text));
    expect(rev1.body.fingerprint).toBe(createHash('sha256').update(exported).digest('hex'));
    expect(rev1.body.fingerprint).not.toBe(a.fingerprint);

    // Another draft counts its own revisions.
    const other = await as.secretariat.post('/api/drafts', { title: 'A second code', template: 'starter' });
    const otherVersion = await as.secretariat.post(`/api/drafts/${other.body.id}/versions`, { label: 'First text' });
    const otherRev = await as.secretariat.post(`/api/drafts/${other.body.id}/versions/${otherVersion.body.id}/publish`);
    expect(otherRev.body.revision).toBe(1);
  });

  it('keeps a published revision immutable: the same fingerprint and text later, no second publication, no rename, no deletion', async () => {
    const version = await save(as.delegate, 'To be frozen');
    const published = (await as.secretariat.post(url(`/${version.id}/publish`))).body as VersionView;
    const text = (await as.reviewer.get(url(`/${version.id}`))).body.text;
    typeInto(editor.doc, op[1]!, 0, 'LATER EDIT ');
    await expect.poll(async () => (await serverParagraphs(server, draftId, op[1]!))[0]).toMatch(/^LATER EDIT /);

    const again = await as.secretariat.post(url(`/${version.id}/publish`));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_PUBLISHED');
    for (const res of [
      await as.secretariat.patch(url(`/${version.id}`), { label: 'Renamed' }),
      await as.delegate.patch(url(`/${version.id}`), { label: 'Renamed' }),
      await as.secretariat.delete(url(`/${version.id}`)),
    ]) {
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('REVISION_IMMUTABLE');
    }
    const after = await as.reviewer.get(url(`/${version.id}`));
    expect(after.body.version).toEqual(published);
    expect(after.body.text).toEqual(text);
  });

  it('lets the author or the secretariat rename and delete an unpublished version, and nobody else', async () => {
    const version = await save(as.delegate, 'Scratch');
    expect((await as.otherDelegate.patch(url(`/${version.id}`), { label: 'Mine now' })).status).toBe(403);
    expect((await as.otherDelegate.delete(url(`/${version.id}`))).status).toBe(403);
    const renamed = await as.delegate.patch(url(`/${version.id}`), { label: 'Scratch, renamed' });
    expect(renamed.body).toMatchObject({ label: 'Scratch, renamed' });
    expect((await as.reviewer.get(url(`/${version.id}`))).body.text.versionLabel).toBe('Scratch, renamed');
    expect((await as.secretariat.delete(url(`/${version.id}`))).status).toBe(204);
    expect((await as.reviewer.get(url(`/${version.id}`))).body.error.code).toBe('VERSION_NOT_FOUND');
    expect(((await as.reviewer.get(url())).body as VersionView[]).some((v) => v.id === version.id)).toBe(false);
  });

  it('tells open pages of the draft about new and published versions as they happen', async () => {
    const stream = await EventStreamReader.open(`${server.url}/api/drafts/${draftId}/events`, as.reviewer.cookie);
    try {
      const version = await save(as.delegate, 'Announced');
      await stream.waitFor(
        (e) => e.event === 'version.changed' && e.data.version.id === version.id && e.data.version.revision === null,
        2000,
      );
      await as.secretariat.post(url(`/${version.id}/publish`));
      const published = await stream.waitFor(
        (e) => e.event === 'version.changed' && e.data.version.id === version.id && e.data.version.revision !== null,
        2000,
      );
      expect(published.data.version.publishedAt).not.toBeNull();
    } finally {
      stream.close();
    }
  });

  it('answers VERSION_UNREADABLE, not a wrong text, when a snapshot file was damaged on disk', async () => {
    const version = await save(as.delegate, 'To be damaged');
    const file = path.join(server.dataDir, VERSIONS_DIR, draftId, `${version.id}.bin`);
    const bytes = await readFile(file);
    bytes[bytes.length - 1]! ^= 0xff;
    await writeFile(file, bytes);
    const silenced = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      for (const res of [await as.reviewer.get(url(`/${version.id}`)), await as.secretariat.post(url(`/${version.id}/publish`))]) {
        expect(res.status).toBe(500);
        expect(res.body.error.code).toBe('VERSION_UNREADABLE');
      }
    } finally {
      silenced.mockRestore();
    }
    expect(((await as.reviewer.get(url())).body as VersionView[]).find((v) => v.id === version.id)?.revision).toBeNull();
  });
});
