import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CompareResult, RestoreResult, VersionDetail } from '../../../shared/api/versions.js';
import { addClause } from '../../../shared/doc/addClause.js';
import { deleteClause } from '../../../shared/doc/deleteClause.js';
import { moveClause } from '../../../shared/doc/moveClause.js';
import { readClause } from '../../../shared/doc/readClause.js';
import { getClauses } from '../../../shared/doc/schema.js';
import { draftTextFromDoc } from '../../../shared/export/draftTextFromDoc.js';
import { eventually, openCollabClient, signInCookie, starterDraftId, type CollabClient } from '../../helpers/collabClient.js';
import { EventStreamReader } from '../../helpers/eventStream.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { operativeIds, readDraftFilesNow, serverParagraphs, signInAll, typeInto } from './versionHelpers.js';

const clausesOf = (doc: Y.Doc) =>
  draftTextFromDoc(doc, { draftId: 'x', revision: null, versionLabel: null, date: '2026-01-01T00:00:00Z' }).clauses;

describe('restoring a version into the live draft', () => {
  let server: TestServer;
  let draftId: string;
  let editor: CollabClient;
  let watcher: CollabClient;
  let op: string[];
  let as: Awaited<ReturnType<typeof signInAll>>;
  const url = (rest = '') => `/api/drafts/${draftId}/versions${rest}`;

  beforeAll(async () => {
    server = await startTestServer();
    draftId = await starterDraftId(server);
    as = await signInAll(server);
    editor = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'us@example.org') });
    watcher = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'reviewer@example.org') });
    op = operativeIds(editor.doc);
  });

  async function versionText(versionId: string) {
    return VersionDetail.parse((await as.reviewer.get(url(`/${versionId}`))).body).text;
  }

  it('makes the live draft read like the version again, live for everyone connected, keeping a version of what it replaced', async () => {
    const firstText = () => (readClause(editor.doc, op[0]!)!.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    firstText().format(0, 11, { bold: {} });
    await expect.poll(async () => (await versionTextOfLive()).includes('"bold"')).toBe(true);
    const saved = (await as.delegate.post(url(), { label: 'Agreed at the first reading' })).body.id as string;
    const agreed = await versionText(saved);

    // Later edits: text, a deletion, an addition, a move and a heading.
    typeInto(editor.doc, op[0]!, 0, 'REWRITTEN ');
    const added = editor.doc.transact(() => {
      deleteClause(editor.doc, op[1]!);
      moveClause(editor.doc, op[5]!, { before: op[0]! });
      readClause(editor.doc, op[2]!)!.heading.insert(0, 'New: ');
      return addClause(editor.doc, { kind: 'operative', heading: 'Added later', paragraphs: ['To be undone.'], after: op[3]! });
    });
    await expect.poll(async () => (await serverParagraphs(server, draftId, added))[0]).toBe('To be undone.');
    const stream = await EventStreamReader.open(`${server.url}/api/drafts/${draftId}/events`, as.reviewer.cookie);

    const res = await as.secretariat.post(url(`/${saved}/restore`));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const result = RestoreResult.parse(res.body);
    expect(result.restored.id).toBe(saved);
    expect(result.backup).toMatchObject({
      label: 'Before restoring “Agreed at the first reading”',
      kind: 'named',
      author: { delegation: null },
    });

    // Answered once durable: the files on disk already hold the restored text.
    expect(clausesOf(await readDraftFilesNow(server.dataDir, draftId))).toEqual(agreed.clauses);
    // Everyone connected sees it, as an ordinary change; the clause added later stays in `clauses`, out of the text.
    await eventually(() => JSON.stringify(clausesOf(watcher.doc)) === JSON.stringify(agreed.clauses), 'the watcher sees the restored text');
    await eventually(() => JSON.stringify(clausesOf(editor.doc)) === JSON.stringify(agreed.clauses), 'the editor sees the restored text');
    expect(readClause(watcher.doc, added)).not.toBeNull();
    const delta = firstText().toDelta() as Array<{ insert: string; attributes?: Record<string, unknown> }>;
    expect(delta[0]).toMatchObject({ insert: 'Subscribing', attributes: { bold: {} } });

    const compared = CompareResult.parse((await as.reviewer.get(`/api/drafts/${draftId}/compare?from=${saved}&to=live`)).body);
    expect(compared.comparison.summary).toMatchObject({ added: 0, removed: 0, changed: 0, moved: 0 });

    // Nothing is lost: the state before the restore is a version of its own.
    const backup = await versionText(result.backup.id);
    expect(backup.clauses.map((c) => c.id)).toContain(added);
    expect(JSON.stringify(backup.clauses.find((c) => c.id === op[0]))).toContain('REWRITTEN');
    const listed = (await as.reviewer.get(url())).body as Array<{ id: string }>;
    expect(listed.map((v) => v.id)).toEqual(expect.arrayContaining([saved, result.backup.id]));

    const event = await stream.waitFor((e) => e.event === 'version.restored', 2000);
    expect(event.data).toMatchObject({ version: { id: saved }, backup: { id: result.backup.id }, by: { name: expect.any(String) } });
    stream.close();
  });

  it('recreates a clause that vanished from the document altogether, and can restore a published revision', async () => {
    const saved = (await as.delegate.post(url(), { label: 'Complete text' })).body.id as string;
    expect((await as.secretariat.post(url(`/${saved}/publish`))).status).toBe(200);
    const complete = await versionText(saved);
    // A misbehaving client removes a clause from `clauses` as well as from the order.
    editor.doc.transact(() => {
      deleteClause(editor.doc, op[3]!);
      getClauses(editor.doc).delete(op[3]!);
    });
    await expect.poll(() => server.rooms.read(draftId, (doc) => getClauses(doc).has(op[3]!))).toBe(false);

    const res = await as.secretariat.post(url(`/${saved}/restore`));
    expect(res.status).toBe(200);
    expect(res.body.backup.label).toMatch(/^Before restoring Rev\.1 “Complete text”/);
    await eventually(() => JSON.stringify(clausesOf(watcher.doc)) === JSON.stringify(complete.clauses), 'the clause is back for everyone');
    // The published revision itself did not change.
    expect((await versionText(saved)).clauses).toEqual(complete.clauses);
  });

  async function versionTextOfLive(): Promise<string> {
    return server.rooms.read(draftId, (doc) => JSON.stringify(clausesOf(doc)));
  }
});

describe('restoring while a delegate keeps typing', () => {
  it('restores at the first request every time, keeping every keystroke before and after it', async () => {
    const server = await startTestServer();
    const draftId = await starterDraftId(server);
    const as = await signInAll(server);
    const typists = await Promise.all(
      ['us@example.org', 'dk@example.org', 'no@example.org'].map(async (email) =>
        openCollabClient(server, { draftId, cookie: await signInCookie(server, email) }),
      ),
    );
    const typist = typists[0]!;
    const clauseId = operativeIds(typist.doc)[0]!;
    const version = (await as.delegate.post(`/api/drafts/${draftId}/versions`, { label: 'Before the typing' })).body.id as string;
    // Three delegates each type a character every 10 ms, within the socket's rate: the draft is never quiet.
    let typed = 0;
    const timer = setInterval(() => {
      for (const t of typists) typeInto(t.doc, clauseId, 0, 'k');
      typed += 1;
    }, 10);
    try {
      for (let i = 0; i < 3; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 150));
        const res = await as.secretariat.post(`/api/drafts/${draftId}/versions/${version}/restore`);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        const backup = RestoreResult.parse(res.body).backup;
        const backupText = VersionDetail.parse((await as.reviewer.get(`/api/drafts/${draftId}/versions/${backup.id}`)).body).text;
        expect(JSON.stringify(backupText.clauses.find((c) => c.id === clauseId))).toMatch(/k{3,}/);
      }
    } finally {
      clearInterval(timer);
    }
    expect(typed).toBeGreaterThan(30);
    for (const t of typists) expect(t.closes).toEqual([]);
    // Keystrokes made while a restore held the draft still were applied after it, not lost: everyone ends
    // with the same text, which starts with them.
    await eventually(() => new Set(typists.map((t) => serverTextOf(t.doc, clauseId))).size === 1, 'the typists to converge');
    expect(serverTextOf(typist.doc, clauseId)).toMatch(/^k+/);
    await expect
      .poll(async () => (await serverParagraphs(server, draftId, clauseId))[0] === serverTextOf(typist.doc, clauseId), { timeout: 5000 })
      .toBe(true);
  }, 30_000);
});

function serverTextOf(doc: Y.Doc, clauseId: string): string {
  return ((readClause(doc, clauseId)!.body.get(0) as Y.XmlElement).get(0) as Y.XmlText).toString();
}
