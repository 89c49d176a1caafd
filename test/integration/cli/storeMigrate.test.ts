import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { trackSaved } from '../../../shared/collab/trackSaved.js';
import { readParagraphs } from '../../../shared/doc/clauseBody.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { documentDifferences, readDocument } from '../../../server/storage/migrate/documentCopy.js';
import { describeMigration, migrateFromPostgres, migrateToPostgres } from '../../../server/storage/migrate/migrateStore.js';
import { readEmbeddedRecords, recordDifferences } from '../../../server/storage/migrate/workspaceRecords.js';
import { MemoryDocumentStore } from '../../../server/storage/MemoryDocumentStore.js';
import { runAdmin, type AdminRun } from '../../helpers/adminCli.js';
import { eventually, openCollabClient, signInCookie, starterDraftId } from '../../helpers/collabClient.js';
import { ApiClient } from '../../helpers/http.js';
import { freshDatabase } from '../../helpers/postgres.js';
import { registerTeardown } from '../../helpers/teardown.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../helpers/testServer.js';

/** Runs `npm run admin -- ...args` on `dataDir`. */
const admin = (dataDir: string, ...args: string[]): Promise<AdminRun> => runAdmin({ DATA_DIR: dataDir }, ...args);

/** A new temporary folder's path that does not exist yet (a new DATA_DIR), removed when the test ends. */
async function newFolder(): Promise<string> {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'coc-migrate-'));
  registerTeardown(() => rm(parent, { recursive: true, force: true }));
  return path.join(parent, 'data');
}

/** The clauses' ids and paragraphs in reading order: the text as a reader sees it. */
function textOf(doc: Y.Doc): Array<{ id: string; paragraphs: string[] }> {
  return readOrderedClauses(doc).map((clause) => ({ id: clause.id, paragraphs: readParagraphs(clause.body) }));
}

/** A workspace made through the API and a collab client on an embedded server, then stopped. */
interface Workspace {
  dataDir: string;
  draftId: string;
  versionId: string;
  /** The clause edited. */
  clauseId: string;
  /** The secretariat's session cookie from before the move. */
  cookie: string;
  invitationToken: string;
  /** The live draft's text and state vector when the server stopped. */
  text: ReturnType<typeof textOf>;
  stateVector: Uint8Array;
  /** What the API answered before the move (views). */
  expected: Record<string, unknown>;
}

/** Everything a member reads through the API about the workspace and the draft, to compare between servers. */
async function views(server: TestServer, cookie: string, draftId: string, versionId: string): Promise<Record<string, unknown>> {
  const api = new ApiClient(server.url);
  api.cookie = cookie;
  const read = async (url: string) => {
    const res = await api.get(url);
    expect(res.status, url).toBe(200);
    return res.body as unknown;
  };
  return {
    drafts: await read('/api/drafts'),
    members: await read('/api/members'),
    delegations: await read('/api/delegations'),
    versions: await read(`/api/drafts/${draftId}/versions`),
    version: await read(`/api/drafts/${draftId}/versions/${versionId}`),
    comments: await read(`/api/drafts/${draftId}/comments`),
    negotiation: await read(`/api/drafts/${draftId}/negotiation`),
    audit: await read(`/api/drafts/${draftId}/audit`),
  };
}

/** sha256 of the version's JSON export: its fingerprint, when the text is the one it was saved with. */
async function exportedFingerprint(server: TestServer, cookie: string, draftId: string, versionId: string): Promise<string> {
  const res = await fetch(`${server.url}/api/drafts/${draftId}/versions/${versionId}/export?format=json`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return createHash('sha256')
    .update(new Uint8Array(await res.arrayBuffer()))
    .digest('hex');
}

async function makeWorkspace(): Promise<Workspace> {
  const server = await startTestServer();
  const draftId = await starterDraftId(server);
  const cookie = await signInCookie(server, 'secretariat@example.org');
  const api = new ApiClient(server.url);
  api.cookie = cookie;

  const client = await openCollabClient(server, { draftId, cookie });
  let saved = false;
  const tracker = trackSaved(client.provider, (value) => (saved = value));
  const clause = readOrderedClauses(client.doc).find((c) => c.body.length > 0)!;
  ((clause.body.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Moved with the workspace. ');
  await eventually(() => saved, 'the edit to be reported saved');

  const version = await api.post(`/api/drafts/${draftId}/versions`, { label: 'Before the move' });
  expect(version.status).toBe(201);
  const versionId = (version.body as { id: string }).id;
  expect((await api.post(`/api/drafts/${draftId}/versions/${versionId}/publish`)).status).toBe(200);

  // A second edit after the version, so the live text and the version differ.
  saved = false;
  ((clause.body.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Edited after Rev.1. ');
  await eventually(() => saved, 'the second edit to be reported saved');

  const thread = await api.post(`/api/drafts/${draftId}/comments`, { clauseId: clause.id, body: 'Keep this wording after the move.' });
  expect(thread.status).toBe(201);
  const reply = { clauseId: clause.id, body: 'Agreed.', parentId: (thread.body as { id: string }).id };
  expect((await api.post(`/api/drafts/${draftId}/comments`, reply)).status).toBe(201);
  const status = await api.request('PUT', `/api/drafts/${draftId}/clauses/${clause.id}/status`, {
    status: 'agreed-ad-ref',
    note: 'pending capitals',
    confirm: true,
  });
  expect(status.status).toBe(200);
  const us = await new ApiClient(server.url).signIn('us@example.org', TEST_PASSWORD);
  const delegations = (await us.get('/api/delegations')).body as Array<{ id: string; name: string }>;
  const usId = delegations.find((d) => d.name === 'United States')!.id;
  expect((await us.request('PUT', `/api/drafts/${draftId}/clauses/${clause.id}/positions/${usId}`, { position: 'supports' })).status).toBe(
    200,
  );
  const member = await api.post('/api/members', { email: 'new.reviewer@example.org', name: 'New Reviewer', role: 'reviewer' });
  expect(member.status).toBe(201);
  const invitationToken = (member.body as { invitationUrl: string }).invitationUrl.split('/').at(-1)!;
  // A draft never opened: it has no stored document, and is seeded wherever it is first opened. Its
  // participants (one delegation and the new reviewer) are a field of its record that must arrive too.
  const neverOpened = await api.post('/api/drafts', { title: 'Never opened' });
  expect(neverOpened.status).toBe(201);
  const participants = { delegationIds: [usId], memberIds: [(member.body as { member: { id: string } }).member.id] };
  expect((await api.patch(`/api/drafts/${(neverOpened.body as { id: string }).id}`, { participants })).body).toMatchObject({
    participants,
  });

  const expected = await views(server, cookie, draftId, versionId);
  expect(await exportedFingerprint(server, cookie, draftId, versionId)).toBe(
    (expected.version as { version: { fingerprint: string } }).version.fingerprint,
  );
  const workspace = {
    dataDir: server.dataDir,
    draftId,
    versionId,
    clauseId: clause.id,
    cookie,
    invitationToken,
    text: textOf(client.doc),
    stateVector: Y.encodeStateVector(client.doc),
    expected,
  };
  tracker.destroy();
  client.destroy();
  await server.close();
  return workspace;
}

/** Checks that `server` (on a copy) shows what the original showed, that its text is the same, and that signing in works. */
async function expectSameWorkspace(server: TestServer, workspace: Workspace): Promise<void> {
  const { draftId, versionId } = workspace;
  // A fresh sign-in works (password hashes arrived), and so does the session from before the move.
  const cookie = await signInCookie(server, 'secretariat@example.org');
  const old = new ApiClient(server.url);
  old.cookie = workspace.cookie;
  expect(((await old.get('/api/me')).body as { email: string }).email).toBe('secretariat@example.org');

  expect(await views(server, cookie, draftId, versionId)).toEqual(workspace.expected);
  const { version } = workspace.expected.version as { version: { fingerprint: string; revision: number } };
  expect(version.revision).toBe(1);
  expect(await exportedFingerprint(server, cookie, draftId, versionId)).toBe(version.fingerprint);

  const reader = await openCollabClient(server, { draftId, cookie });
  expect(textOf(reader.doc)).toEqual(workspace.text);
  expect(
    textOf(reader.doc)
      .find((c) => c.id === workspace.clauseId)!
      .paragraphs.join('\n'),
  ).toContain('Edited after Rev.1. Moved with the workspace. ');
  expect(Y.encodeStateVector(reader.doc)).toEqual(workspace.stateVector);
  reader.destroy();

  // The invitation issued before the move is still good once.
  const invited = new ApiClient(server.url);
  expect((await invited.post(`/api/invitations/${workspace.invitationToken}/accept`, { password: 'a long enough password' })).status).toBe(
    200,
  );
  await new ApiClient(server.url).signIn('new.reviewer@example.org', 'a long enough password');
}

describe('npm run admin -- store migrate', () => {
  let workspace: Workspace;
  beforeAll(async () => {
    workspace = await makeWorkspace();
  });

  it('copies an embedded workspace into an empty database, checks it, and the server on PostgreSQL shows the same; and back', async () => {
    const url = await freshDatabase();
    const report = await migrateToPostgres(workspace.dataDir, url);
    expect(report).toMatchObject({
      drafts: 2,
      documents: 1,
      versions: 1,
      comments: 2,
      members: 7,
      delegations: 4,
      invitations: 1,
      clauseStatuses: 1,
      positions: 1,
    });
    expect(report.sessions).toBeGreaterThanOrEqual(2);
    expect(report.auditEntries).toBeGreaterThanOrEqual(2);
    expect(report.clientIdOwners).toBeGreaterThanOrEqual(1);
    const text = describeMigration(report);
    expect(text).toContain('Copied 2 drafts, 1 version, 2 comments, 7 members, 4 delegations, 1 invitation, 1 clause status, 1 position');
    expect(text).toContain(`from DATA_DIR ${workspace.dataDir}`);
    expect(text).toContain("Checked: every draft's text, every version's fingerprint, every comment and member arrived");

    // The reverse, as a backup, into a DATA_DIR that does not exist yet: the same counts.
    const backup = await newFolder();
    const back = await migrateFromPostgres(url, backup);
    expect({ ...back, from: '', to: '' }).toEqual({ ...report, from: '', to: '' });
    expect(back.from).toMatch(/^PostgreSQL postgres:\/\/127\.0\.0\.1:5432\/t_/);
    expect(recordDifferences(await readEmbeddedRecords(workspace.dataDir), await readEmbeddedRecords(backup))).toEqual([]);

    await expectSameWorkspace(await startTestServer({ env: { DATABASE_URL: url } }), workspace);
    await expectSameWorkspace(await startTestServer({ dataDir: backup }), workspace);
  });

  it('runs from the command line: copies, reports, and refuses a target that is not empty with exit code 1', async () => {
    const url = await freshDatabase();
    const to = await admin(workspace.dataDir, 'store', 'migrate', '--to', url);
    expect(to.code, to.out).toBe(0);
    expect(to.out).toContain('Copied 2 drafts, 1 version, 2 comments, 7 members');
    expect(to.out).toContain("Checked: every draft's text, every version's fingerprint, every comment and member arrived");

    const again = await admin(workspace.dataDir, 'store', 'migrate', '--to', url);
    expect(again.code).toBe(1);
    expect(again.out).toContain('is not empty: it already holds a workspace');
    expect(again.out).toContain('Nothing was written.');

    const intoWorkspace = await admin(workspace.dataDir, 'store', 'migrate', '--from', url);
    expect(intoWorkspace.code).toBe(1);
    expect(intoWorkspace.out).toMatch(/DATA_DIR .* is not empty \(it holds .*metadata\.json/);

    const backup = await newFolder();
    const from = await admin(backup, 'store', 'migrate', '--from', url);
    expect(from.code, from.out).toBe(0);
    expect(from.out).toContain('Copied 2 drafts, 1 version, 2 comments, 7 members');
    expect((await readEmbeddedRecords(backup)).users).toHaveLength(7);

    const neither = await admin(workspace.dataDir, 'store', 'migrate');
    expect(neither.code).toBe(1);
    expect(neither.out).toContain('Say which way');
  });

  it('refuses a database that holds a workspace or other tables, and a DATA_DIR that is not empty, changing nothing', async () => {
    // A database a server has seeded.
    const seeded = await freshDatabase();
    await (await startTestServer({ env: { DATABASE_URL: seeded } })).close();
    await expect(migrateToPostgres(workspace.dataDir, seeded)).rejects.toThrow(/is not empty: it already holds a workspace/);
    const client = new pg.Client({ connectionString: seeded });
    await client.connect();
    registerTeardown(() => client.end());
    const { rows } = await client.query<{ drafts: string; members: string }>(
      'SELECT (SELECT count(*) FROM metadata.drafts) AS drafts, (SELECT count(*) FROM metadata.members) AS members',
    );
    expect(rows[0]).toEqual({ drafts: '1', members: '6' });

    // A database of something else gets no schema.
    const other = await freshDatabase();
    const otherClient = new pg.Client({ connectionString: other });
    await otherClient.connect();
    registerTeardown(() => otherClient.end());
    await otherClient.query('CREATE TABLE invoices (id integer)');
    await expect(migrateToPostgres(workspace.dataDir, other)).rejects.toThrow(/holds tables of something else/);
    expect((await otherClient.query("SELECT to_regclass('schema_migrations') AS found")).rows[0]).toEqual({ found: null });

    // Backing up into the workspace's own folder: refused before anything is read or written.
    const before = await readFile(path.join(workspace.dataDir, 'metadata.json'));
    await expect(migrateFromPostgres(seeded, workspace.dataDir)).rejects.toThrow(/is not empty .* refusing to copy into it/);
    expect(await readFile(path.join(workspace.dataDir, 'metadata.json'))).toEqual(before);

    // Nothing to copy: a DATA_DIR that does not exist (not created either), an empty database.
    const missing = await newFolder();
    await expect(migrateToPostgres(missing, await freshDatabase())).rejects.toThrow(/does not exist: there is nothing to copy/);
    await expect(stat(missing)).rejects.toThrow(/ENOENT/);
    await expect(migrateFromPostgres(await freshDatabase(), await newFolder())).rejects.toThrow(/holds no workspace/);
  });

  it('refuses while a server holds the data folder', async () => {
    const running = await startTestServer({ dataDir: workspace.dataDir });
    await expect(migrateToPostgres(workspace.dataDir, await freshDatabase())).rejects.toThrow(/in use by another process/);
    await running.close();
  });
});

describe('the check', () => {
  it('finds a record that did not arrive or arrived changed', async () => {
    const records = await readEmbeddedRecords(await newFolder());
    const comment = {
      ...{ id: 'c1', draftId: 'd1', clauseId: 'k1', threadId: 'c1', parentId: null, authorId: 'u1', authorName: 'A' },
      ...{ authorRole: 'delegate' as const, authorDelegation: null, body: 'Text', anchor: null, resolved: false },
      ...{
        resolvedById: null,
        resolvedByName: null,
        resolvedAt: null,
        createdAt: '2026-01-05T09:00:00.000Z',
        editedAt: null,
        deletedAt: null,
      },
    };
    const source = { ...records, comments: [comment] };
    expect(recordDifferences(source, source)).toEqual([]);
    expect(recordDifferences(source, records)).toEqual(['comments: 1 expected, 0 found']);
    expect(recordDifferences(source, { ...records, comments: [{ ...comment, body: 'Other' }] })).toEqual([
      'comments: record 1 of 1 differs (id c1, draftId d1, clauseId k1)',
    ]);
  });

  it('finds a document that lacks an update, or a deletion', async () => {
    const doc = new Y.Doc();
    doc.getArray<string>('order').push(['a', 'b']);
    const full = Y.encodeStateAsUpdate(doc);
    doc.getArray<string>('order').delete(0, 1);
    const withDeletion = Y.encodeStateAsUpdate(doc);
    const store = new MemoryDocumentStore();
    await store.append('aaaaaaaaaaaaaaaa', full);
    await store.append('bbbbbbbbbbbbbbbb', withDeletion);
    const a = (await readDocument(store, 'aaaaaaaaaaaaaaaa')).summary;
    const b = (await readDocument(store, 'bbbbbbbbbbbbbbbb')).summary;
    expect(documentDifferences(a, a)).toEqual([]);
    expect(documentDifferences(b, a)).toEqual(['other deletions', 'another text']);
    const empty = (await readDocument(store, 'cccccccccccccccc')).summary;
    expect(documentDifferences(a, empty)).toEqual(['no stored document', 'another state vector', 'other deletions', 'another text']);
  });
});
