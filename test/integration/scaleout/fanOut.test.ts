import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { eventually, starterDraftId } from '../../helpers/collabClient.js';
import { firstParagraph, oneDatabase, openDraftAs, twoProcesses, wholeText } from '../../helpers/scaleOut.js';

describe('several processes on one database', () => {
  it('with Redis: an edit on one process reaches the clients of another at once, both ways, and both hold the same text', async () => {
    const [a, b] = await twoProcesses();
    const draftId = await starterDraftId(a);
    const onA = await openDraftAs(a, draftId, 'us@example.org');
    const onB = await openDraftAs(b, draftId, 'dk@example.org');
    firstParagraph(onA.doc).insert(0, 'From A. ');
    await eventually(() => firstParagraph(onB.doc).toString().startsWith('From A. '), 'A’s edit to reach B’s client', 3000);
    firstParagraph(onB.doc).insert(0, 'From B. ');
    await eventually(() => firstParagraph(onA.doc).toString().startsWith('From B. From A. '), 'B’s edit to reach A’s client', 3000);
    expect(wholeText(onA.doc)).toBe(wholeText(onB.doc));
    const metrics = await (await fetch(`${b.url}/metrics`)).text();
    expect(metrics).toMatch(/^fanout_delivered_total [1-9]/m);
  });

  it('numbers the concurrent updates of two processes without a gap or a duplicate, and a fresh process loads what the live ones hold', async () => {
    const database = await oneDatabase();
    const [a, b] = await Promise.all([database.start(), database.start()]);
    const draftId = await starterDraftId(a);
    const onA = await openDraftAs(a, draftId, 'us@example.org');
    const onB = await openDraftAs(b, draftId, 'dk@example.org');
    for (let i = 0; i < 60; i += 1) {
      firstParagraph(onA.doc).insert(0, `a${i} `);
      firstParagraph(onB.doc).insert(0, `b${i} `);
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await eventually(
      () => wholeText(onA.doc) === wholeText(onB.doc) && wholeText(onA.doc).includes('a59 ') && wholeText(onA.doc).includes('b59 '),
      'the two to converge',
      5000,
    );
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ seq: string }>('SELECT seq FROM draft_updates WHERE draft_id = $1 ORDER BY seq', [draftId]);
    const { rows: heads } = await client.query<{ head_seq: string }>('SELECT head_seq FROM draft_heads WHERE draft_id = $1', [draftId]);
    await client.end();
    const seqs = rows.map((row) => Number(row.seq));
    // No duplicate, no gap: 1..head (nothing was compacted away in so short a run).
    expect(seqs).toEqual(Array.from({ length: Number(heads[0]!.head_seq) }, (_, i) => i + 1));
    expect(seqs.length).toBeGreaterThan(2);
    const c = await database.start();
    const fresh = await openDraftAs(c, draftId, 'no@example.org');
    expect(wholeText(fresh.doc)).toBe(wholeText(onA.doc));
  });

  it('without Redis: the processes still converge, through the database', async () => {
    const [a, b] = await twoProcesses({ redis: false });
    const draftId = await starterDraftId(a);
    const onA = await openDraftAs(a, draftId, 'us@example.org');
    const onB = await openDraftAs(b, draftId, 'dk@example.org');
    firstParagraph(onA.doc).insert(0, 'Polled. ');
    await eventually(() => firstParagraph(onB.doc).toString().startsWith('Polled. '), 'A’s edit to reach B through the database', 5000);
    expect(wholeText(onA.doc)).toBe(wholeText(onB.doc));
  });
});
