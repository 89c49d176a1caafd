import pg from 'pg';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readParagraphs } from '../../../shared/doc/clauseBody.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { eventually, openCollabClient, signInCookie, starterDraftId, type CollabClient } from '../../helpers/collabClient.js';
import { freshDatabase } from '../../helpers/postgres.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function firstParagraph(doc: Y.Doc): Y.XmlText {
  const clause = readOrderedClauses(doc).find((c) => c.body.length > 0)!;
  return (clause.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

function bodies(doc: Y.Doc): string {
  return readOrderedClauses(doc)
    .map((c) => readParagraphs(c.body).join('\n'))
    .join('\n');
}

async function open(server: TestServer, draftId: string, email: string): Promise<CollabClient> {
  return openCollabClient(server, { draftId, cookie: await signInCookie(server, email) });
}

describe('several processes on one database', () => {
  it('with Redis: an edit on one process reaches the clients of another at once, both ways, and both hold the same text', async () => {
    const url = await freshDatabase();
    const env = { DATABASE_URL: url, REDIS_URL };
    const [a, b] = await Promise.all([startTestServer({ env }), startTestServer({ env })]);
    const draftId = await starterDraftId(a);
    const onA = await open(a, draftId, 'us@example.org');
    const onB = await open(b, draftId, 'dk@example.org');
    firstParagraph(onA.doc).insert(0, 'From A. ');
    await eventually(() => firstParagraph(onB.doc).toString().startsWith('From A. '), 'A’s edit to reach B’s client', 3000);
    firstParagraph(onB.doc).insert(0, 'From B. ');
    await eventually(() => firstParagraph(onA.doc).toString().startsWith('From B. From A. '), 'B’s edit to reach A’s client', 3000);
    expect(bodies(onA.doc)).toBe(bodies(onB.doc));
    const metrics = await (await fetch(`${b.url}/metrics`)).text();
    expect(metrics).toMatch(/^fanout_delivered_total [1-9]/m);
  });

  it('numbers the concurrent updates of two processes without a gap or a duplicate, and a fresh process loads what the live ones hold', async () => {
    const url = await freshDatabase();
    const env = { DATABASE_URL: url, REDIS_URL };
    const [a, b] = await Promise.all([startTestServer({ env }), startTestServer({ env })]);
    const draftId = await starterDraftId(a);
    const onA = await open(a, draftId, 'us@example.org');
    const onB = await open(b, draftId, 'dk@example.org');
    for (let i = 0; i < 60; i += 1) {
      firstParagraph(onA.doc).insert(0, `a${i} `);
      firstParagraph(onB.doc).insert(0, `b${i} `);
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await eventually(
      () => bodies(onA.doc) === bodies(onB.doc) && bodies(onA.doc).includes('a59 ') && bodies(onA.doc).includes('b59 '),
      'the two to converge',
      5000,
    );
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ seq: string }>('SELECT seq FROM draft_updates WHERE draft_id = $1 ORDER BY seq', [draftId]);
    const { rows: heads } = await client.query<{ head_seq: string }>('SELECT head_seq FROM draft_heads WHERE draft_id = $1', [draftId]);
    await client.end();
    const seqs = rows.map((row) => Number(row.seq));
    // No duplicate, no gap: 1..head (nothing was compacted away in so short a run).
    expect(seqs).toEqual(Array.from({ length: Number(heads[0]!.head_seq) }, (_, i) => i + 1));
    expect(seqs.length).toBeGreaterThan(2);
    const c = await startTestServer({ env });
    const fresh = await open(c, draftId, 'no@example.org');
    expect(bodies(fresh.doc)).toBe(bodies(onA.doc));
  });

  it('without Redis: the processes still converge, through the database', async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([startTestServer({ env: { DATABASE_URL: url } }), startTestServer({ env: { DATABASE_URL: url } })]);
    const draftId = await starterDraftId(a);
    const onA = await open(a, draftId, 'us@example.org');
    const onB = await open(b, draftId, 'dk@example.org');
    firstParagraph(onA.doc).insert(0, 'Polled. ');
    await eventually(() => firstParagraph(onB.doc).toString().startsWith('Polled. '), 'A’s edit to reach B through the database', 5000);
    expect(bodies(onA.doc)).toBe(bodies(onB.doc));
  });
});
