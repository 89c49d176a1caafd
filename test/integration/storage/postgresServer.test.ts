import pg from 'pg';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { trackSaved } from '../../../shared/collab/trackSaved.js';
import { readParagraphs } from '../../../shared/doc/clauseBody.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { eventually, openCollabClient, signInCookie, starterDraftId } from '../../helpers/collabClient.js';
import { ApiClient } from '../../helpers/http.js';
import { freshDatabase } from '../../helpers/postgres.js';
import { startTestServer, TEST_PASSWORD } from '../../helpers/testServer.js';

/** The first clause with text, and its text, in a document. */
function firstText(doc: Y.Doc): { id: string; text: string } {
  const clause = readOrderedClauses(doc).find((c) => c.body.length > 0)!;
  return { id: clause.id, text: readParagraphs(clause.body).join('\n') };
}

describe('the server on PostgreSQL (DATABASE_URL)', () => {
  it('migrates and seeds a fresh database, reports saved only what is committed, and keeps it across a restart', async () => {
    const url = await freshDatabase();
    const first = await startTestServer({ env: { DATABASE_URL: url } });
    const draftId = await starterDraftId(first);
    const client = await openCollabClient(first, { draftId, cookie: await signInCookie(first, 'secretariat@example.org') });
    let saved = false;
    const tracker = trackSaved(client.provider, (value) => (saved = value));
    const { id } = firstText(client.doc);
    const clause = readOrderedClauses(client.doc).find((c) => c.id === id)!;
    ((clause.body.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Stored in PostgreSQL. ');
    await eventually(() => saved, 'the edit to be reported saved');
    const expected = firstText(client.doc).text;
    tracker.destroy();
    client.destroy();
    await first.close();

    // A new process (another DATA_DIR: nothing on disk is shared) finds everything in the database.
    const second = await startTestServer({ env: { DATABASE_URL: url } });
    expect(await starterDraftId(second)).toBe(draftId);
    const reader = await openCollabClient(second, { draftId, cookie: await signInCookie(second, 'secretariat@example.org') });
    expect(firstText(reader.doc).text).toBe(expected);
    expect(expected.startsWith('Stored in PostgreSQL. ')).toBe(true);
    const ready = await fetch(`${second.url}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'up' } });
  });

  it('lets two processes start together on one empty database: migrated and seeded once, sessions valid on both', async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([startTestServer({ env: { DATABASE_URL: url } }), startTestServer({ env: { DATABASE_URL: url } })]);
    const onA = await new ApiClient(a.url).signIn('secretariat@example.org', TEST_PASSWORD);
    const members = (await onA.get('/api/members')).body as Array<{ email: string }>;
    const emails = members.map((m) => m.email);
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails).toContain('us@example.org');
    const drafts = (await onA.get('/api/drafts')).body as unknown[];
    expect(drafts).toHaveLength(1);

    // The cookie of a sign-in on one process is a session on the other.
    const onB = new ApiClient(b.url);
    onB.cookie = onA.cookie;
    const me = await onB.get('/api/me');
    expect(me.status).toBe(200);
    expect((me.body as { email: string }).email).toBe('secretariat@example.org');
    // And what one process writes, the other reads.
    const renamed = await onB.patch(`/api/drafts/${(drafts[0] as { id: string }).id}`, { title: 'Renamed on B' });
    expect(renamed.status).toBe(200);
    const seenOnA = (await onA.get('/api/drafts')).body as Array<{ title: string }>;
    expect(seenOnA[0]!.title).toBe('Renamed on B');
  });

  it('refuses to start on a database whose schema is newer than it knows, with a message, changing nothing', async () => {
    const url = await freshDatabase();
    const first = await startTestServer({ env: { DATABASE_URL: url } });
    await first.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')");
    await client.end();
    await expect(startTestServer({ env: { DATABASE_URL: url } })).rejects.toThrow(/schema is version 999, newer than this server knows/);
  });
});
