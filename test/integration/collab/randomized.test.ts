import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addClause } from '../../../shared/doc/addClause.js';
import { appendParagraphs, readParagraphs } from '../../../shared/doc/clauseBody.js';
import type { ClausePlacement } from '../../../shared/doc/clausePlacement.js';
import { deleteClause } from '../../../shared/doc/deleteClause.js';
import { moveClause } from '../../../shared/doc/moveClause.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { CLAUSE_KINDS } from '../../../shared/doc/schema.js';
import { eventually, openCollabClient, signInCookie, starterDraftId, waitForSync, type CollabClient } from '../../helpers/collabClient.js';
import { readDraftFromDisk } from '../../helpers/draftDisk.js';
import { seeded as random } from '../../helpers/seeded.js';
import { startTestServer } from '../../helpers/testServer.js';

const SEED = 20260105;
const STEPS = 400;

/** Everything a reader sees: clause order, kinds, headings and paragraph texts. */
function view(doc: Y.Doc): string {
  return JSON.stringify(readOrderedClauses(doc).map((c) => [c.id, c.kind, c.heading.toString(), readParagraphs(c.body)]));
}

describe('several delegates editing at random, with disconnects', () => {
  it(`converge through the real server to one document that is also what is on disk (seed ${SEED})`, async () => {
    const rnd = random(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
    const word = () => pick(['shall', 'may', 'States', 'export', 'risk', 'human rights', 'licence', '[bracket]', 'é', '—']);

    const server = await startTestServer();
    const draftId = await starterDraftId(server);
    const cookies = await Promise.all(
      ['us@example.org', 'au@example.org', 'dk@example.org', 'no@example.org'].map((e) => signInCookie(server, e)),
    );
    const clients: CollabClient[] = await Promise.all(cookies.map((cookie) => openCollabClient(server, { draftId, cookie })));

    const placement = (doc: Y.Doc): ClausePlacement => {
      const clauses = readOrderedClauses(doc);
      const roll = rnd();
      if (clauses.length === 0 || roll < 0.2) return {};
      if (roll < 0.5) return { before: pick(clauses).id };
      if (roll < 0.8) return { after: pick(clauses).id };
      return { at: Math.floor(rnd() * (clauses.length + 1)) };
    };

    const operations: Array<(doc: Y.Doc) => void> = [
      (doc) => addClause(doc, { kind: pick(CLAUSE_KINDS), heading: word(), paragraphs: [word(), word()], ...placement(doc) }),
      (doc) => {
        const clauses = readOrderedClauses(doc);
        if (clauses.length > 0) moveClause(doc, pick(clauses).id, placement(doc));
      },
      (doc) => {
        const clauses = readOrderedClauses(doc);
        if (clauses.length > 4) deleteClause(doc, pick(clauses).id);
      },
      (doc) => {
        const clauses = readOrderedClauses(doc);
        if (clauses.length === 0) return;
        const heading = pick(clauses).heading;
        if (rnd() < 0.7 || heading.length === 0) heading.insert(Math.floor(rnd() * (heading.length + 1)), ` ${word()}`);
        else heading.delete(Math.floor(rnd() * heading.length), 1 + Math.floor(rnd() * 3));
      },
      (doc) => {
        const clauses = readOrderedClauses(doc);
        if (clauses.length === 0) return;
        const body = pick(clauses).body;
        const paragraph = body.length > 0 ? body.get(Math.floor(rnd() * body.length)) : null;
        const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
        if (text instanceof Y.XmlText) text.insert(Math.floor(rnd() * (text.length + 1)), `${word()} `);
        else appendParagraphs(body, [word()]);
      },
    ];

    for (let step = 0; step < STEPS; step += 1) {
      const client = pick(clients);
      const roll = rnd();
      if (roll < 0.04 && client.provider.shouldConnect) client.provider.disconnect();
      else if (roll < 0.1 && !client.provider.shouldConnect) client.provider.connect();
      else client.doc.transact(() => pick(operations)(client.doc));
      if (rnd() < 0.3) await new Promise((resolve) => setTimeout(resolve, Math.floor(rnd() * 5)));
    }

    for (const client of clients) if (!client.provider.shouldConnect) client.provider.connect();
    await Promise.all(clients.map((client) => waitForSync(client, 10_000)));
    const state = (doc: Y.Doc) => `${Y.encodeStateVector(doc).join()}|${view(doc)}`;
    await eventually(() => clients.every((c) => state(c.doc) === state(clients[0]!.doc)), 'all clients to converge', 15_000);

    const final = view(clients[0]!.doc);
    expect(readOrderedClauses(clients[0]!.doc).length).toBeGreaterThan(4);
    const late = await openCollabClient(server, { draftId, cookie: cookies[0]! });
    expect(view(late.doc)).toBe(final);

    for (const client of clients) client.destroy();
    await server.close();
    expect(view(await readDraftFromDisk(server.dataDir, draftId))).toBe(final);
  }, 60_000);
});
