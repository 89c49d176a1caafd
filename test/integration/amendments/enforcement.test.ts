import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readProposals } from '../../../shared/amendments/proposals.js';
import { CLOSE_CODE } from '../../../shared/collab/closeCodes.js';
import { readParagraphs } from '../../../shared/doc/clauseBody.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { DELETION_MARK, INSERTION_MARK } from '../../../shared/doc/schema.js';
import {
  eventually,
  openCollabClient,
  registerTeardown,
  signInCookie,
  starterDraftId,
  type CollabClient,
} from '../../helpers/collabClient.js';
import { readDraftFromDisk } from '../../helpers/draftDisk.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { signInMembers } from '../negotiation/negotiationHelpers.js';

/** A 16-character proposal id, as clients make them. */
const PROPOSAL_A = 'propAAAAAAAAAAAA';
const PROPOSAL_B = 'propBBBBBBBBBBBB';
const PROPOSAL_C = 'propCCCCCCCCCCCC';
const PROPOSAL_D = 'propDDDDDDDDDDDD';

/** The first paragraph's text of a clause (by its place among the clauses with text). */
function paragraph(doc: Y.Doc, clauseId: string): Y.XmlText {
  const clause = readOrderedClauses(doc).find((c) => c.id === clauseId)!;
  return (clause.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** A clause's heading. */
function headingOf(doc: Y.Doc, clauseId: string): Y.Text {
  return readOrderedClauses(doc).find((c) => c.id === clauseId)!.heading;
}

/** The ids of clauses whose first paragraph holds at least 30 characters. */
function clausesWithText(doc: Y.Doc): string[] {
  return readOrderedClauses(doc)
    .filter((c) => {
      const first = c.body.get(0);
      const text = first instanceof Y.XmlElement ? first.get(0) : null;
      return text instanceof Y.XmlText && text.length >= 30;
    })
    .map((c) => c.id);
}

function bodyText(doc: Y.Doc, clauseId: string): string {
  return readParagraphs(readOrderedClauses(doc).find((c) => c.id === clauseId)!.body).join('\n');
}

async function setup(options: { keepData?: boolean } = {}) {
  const server = await startTestServer({ keepData: options.keepData });
  if (options.keepData) registerTeardown(() => rm(server.dataDir, { recursive: true, force: true }));
  const draftId = await starterDraftId(server);
  const as = await signInMembers(server);
  const open = async (email: string) => openCollabClient(server, { draftId, cookie: await signInCookie(server, email) });
  return { server, draftId, as, open };
}

async function amendmentsMode(
  server: TestServer,
  secretariat: { patch: (path: string, body: unknown) => Promise<{ status: number }> },
  draftId: string,
) {
  expect((await secretariat.patch(`/api/drafts/${draftId}`, { editingMode: 'amendments' })).status).toBe(200);
  void server;
}

/** Resolves once the client is closed with a code, or fails after a while. */
async function closedWith(client: CollabClient): Promise<{ code: number; reason: string }> {
  await eventually(() => client.closes.length > 0, 'the socket to be closed');
  return client.closes[0]!;
}

/** Waits until a later edit by `marker` reached `observer` (frames of one socket are handled in order). */
async function roundTrip(marker: CollabClient, observer: CollabClient, clauseId: string, word: string) {
  const text = paragraph(marker.doc, clauseId);
  text.insert(text.length, word);
  await eventually(() => paragraph(observer.doc, clauseId).toString().endsWith(word), `“${word}” to arrive`);
}

describe('agreed text is locked, for everyone', () => {
  it('refuses a delegate’s and the secretariat’s edit of an agreed clause, and a deletion of it from the order; reopening unlocks it', async () => {
    const { server, draftId, as, open } = await setup({ keepData: true });
    const norway = await open('dk@example.org');
    const [agreed, other] = clausesWithText(norway.doc);
    const original = bodyText(norway.doc, agreed!);
    const res = await as.secretariat.request('PUT', `/api/drafts/${draftId}/clauses/${agreed}/status`, { status: 'agreed', confirm: true });
    expect(res.status).toBe(200);

    const us = await open('us@example.org');
    paragraph(us.doc, agreed!).insert(0, 'US words ');
    const usClose = await closedWith(us);
    expect(usClose.code).toBe(CLOSE_CODE.EDIT_REFUSED);
    expect(usClose.reason).toMatch(/agreed/);

    const secretariat = await open('secretariat@example.org');
    paragraph(secretariat.doc, agreed!).delete(0, 5);
    expect((await closedWith(secretariat)).code).toBe(CLOSE_CODE.EDIT_REFUSED);

    const remover = await open('secretariat@example.org');
    const order = remover.doc.getArray('order');
    order.delete(order.toArray().indexOf(agreed!), 1);
    expect((await closedWith(remover)).code).toBe(CLOSE_CODE.EDIT_REFUSED);

    // Other clauses stay editable, and nothing of the refused edits reached anyone or the disk.
    const writer = await open('us@example.org');
    await roundTrip(writer, norway, other!, ' (US)');
    expect(bodyText(norway.doc, agreed!)).toBe(original);
    expect(readOrderedClauses(norway.doc).map((c) => c.id)).toContain(agreed);
    expect(await server.rooms.read(draftId, (doc) => bodyText(doc, agreed!))).toBe(original);

    expect((await as.secretariat.request('PUT', `/api/drafts/${draftId}/clauses/${agreed}/status`, { status: 'reopened' })).status).toBe(
      200,
    );
    const again = await open('us@example.org');
    paragraph(again.doc, agreed!).insert(0, 'Reopened: ');
    await eventually(() => bodyText(norway.doc, agreed!).startsWith('Reopened: '), 'the edit after reopening to arrive');

    for (const client of [norway, us, secretariat, remover, writer, again]) client.destroy();
    await server.close();
    const disk = await readDraftFromDisk(server.dataDir, draftId);
    expect(bodyText(disk, agreed!)).toBe(`Reopened: ${original}`);
  });
});

describe('amendments mode: delegations propose, the server holds them to it', () => {
  it('takes a delegate’s insertion and deletion marks in their own delegation, for the others and the disk', async () => {
    const { server, draftId, as, open } = await setup({ keepData: true });
    await amendmentsMode(server, as.secretariat, draftId);
    const us = await open('us@example.org');
    const dk = await open('dk@example.org');
    const [clauseId] = clausesWithText(us.doc);
    const accepted = bodyText(us.doc, clauseId!);

    const text = paragraph(us.doc, clauseId!);
    text.insert(0, 'Subscribing ', { [INSERTION_MARK]: { id: PROPOSAL_A, delegation: as.usDelegation } });
    text.format(20, 6, { [DELETION_MARK]: { id: PROPOSAL_B, delegation: as.usDelegation } });
    await eventually(() => readProposals(dk.doc).length === 2, 'the proposals to reach Denmark');
    expect(readProposals(dk.doc)).toEqual([
      { id: PROPOSAL_A, clauseId, delegationId: as.usDelegation, kind: 'insertion', text: 'Subscribing ' },
      { id: PROPOSAL_B, clauseId, delegationId: as.usDelegation, kind: 'deletion', text: accepted.slice(8, 14) },
    ]);
    // Deleting text of its own proposed insertion is simply deleting it.
    paragraph(us.doc, clauseId!).delete(0, 'Subscribing '.length);
    await eventually(() => readProposals(dk.doc).length === 1, 'the withdrawn insertion to reach Denmark');
    expect(us.closes).toEqual([]);

    us.destroy();
    dk.destroy();
    await server.close();
    const disk = await readDraftFromDisk(server.dataDir, draftId);
    expect(readProposals(disk)).toEqual([
      { id: PROPOSAL_B, clauseId, delegationId: as.usDelegation, kind: 'deletion', text: accepted.slice(8, 14) },
    ]);
    expect(bodyText(disk, clauseId!)).toBe(accepted);
  });

  it('takes proposals in a heading like those in the text: put in the sender’s name, listed, decided, kept on disk', async () => {
    const { server, draftId, as, open } = await setup({ keepData: true });
    await amendmentsMode(server, as.secretariat, draftId);
    const chair = await open('secretariat@example.org');
    const [clauseId] = clausesWithText(chair.doc);
    headingOf(chair.doc, clauseId!).insert(0, 'Annual report');
    const us = await open('us@example.org');
    const dk = await open('dk@example.org');
    await eventually(() => headingOf(us.doc, clauseId!).toString() === 'Annual report', 'the heading to reach the US');

    const heading = headingOf(us.doc, clauseId!);
    us.doc.transact(() => {
      heading.format(0, 'Annual'.length, { [DELETION_MARK]: { id: PROPOSAL_A, delegation: as.usDelegation } });
      // Written in Denmark's name: the server puts it in the sender's.
      heading.insert('Annual'.length, 'Yearly', { [INSERTION_MARK]: { id: PROPOSAL_B, delegation: as.dkDelegation } });
    });
    await eventually(() => readProposals(dk.doc).length === 2, 'the heading proposals to reach Denmark');
    await eventually(() => readProposals(dk.doc).every((p) => p.delegationId === as.usDelegation), 'the correction to reach Denmark');
    expect(readProposals(dk.doc)).toEqual([
      { id: PROPOSAL_A, clauseId, delegationId: as.usDelegation, kind: 'deletion', text: 'Annual', inHeading: true },
      { id: PROPOSAL_B, clauseId, delegationId: as.usDelegation, kind: 'insertion', text: 'Yearly', inHeading: true },
    ]);
    const listed = await as.secretariat.get(`/api/drafts/${draftId}/amendments`);
    expect((listed.body as Array<{ id: string; inHeading?: boolean }>).map((a) => [a.id, a.inHeading])).toEqual([
      [PROPOSAL_A, true],
      [PROPOSAL_B, true],
    ]);

    expect((await as.secretariat.post(`/api/drafts/${draftId}/amendments/${PROPOSAL_A}/accept`)).status).toBe(200);
    expect((await as.secretariat.post(`/api/drafts/${draftId}/amendments/${PROPOSAL_B}/reject`)).status).toBe(200);
    await eventually(() => headingOf(dk.doc, clauseId!).toString() === ' report', 'the decisions to reach Denmark');
    expect(readProposals(dk.doc)).toEqual([]);
    expect(us.closes).toEqual([]);

    for (const client of [chair, us, dk]) client.destroy();
    await server.close();
    const disk = await readDraftFromDisk(server.dataDir, draftId);
    expect(headingOf(disk, clauseId!).toString()).toBe(' report');
    expect(readProposals(disk)).toEqual([]);
  });

  it('puts a proposal written in another delegation’s name in the sender’s', async () => {
    const { server, draftId, as, open } = await setup();
    await amendmentsMode(server, as.secretariat, draftId);
    const us = await open('us@example.org');
    const dk = await open('dk@example.org');
    const [clauseId] = clausesWithText(us.doc);
    paragraph(us.doc, clauseId!).insert(0, 'Forged ', { [INSERTION_MARK]: { id: PROPOSAL_A, delegation: as.dkDelegation } });
    await eventually(() => readProposals(dk.doc).length === 1, 'the proposal to reach Denmark');
    expect(readProposals(dk.doc)[0]).toMatchObject({ id: PROPOSAL_A, delegationId: as.usDelegation, text: 'Forged ' });
    await eventually(() => readProposals(us.doc)[0]?.delegationId === as.usDelegation, 'the correction to reach the sender');
    expect(await server.rooms.read(draftId, (doc) => readProposals(doc)[0]?.delegationId)).toBe(as.usDelegation);
  });

  it('refuses changing accepted text outright, another delegation’s proposal, a reused id, a move and a structure change', async () => {
    const { server, draftId, as, open } = await setup();
    await amendmentsMode(server, as.secretariat, draftId);
    const dk = await open('dk@example.org');
    const [first, second] = clausesWithText(dk.doc);
    paragraph(dk.doc, first!).insert(0, 'Denmark ', { [INSERTION_MARK]: { id: PROPOSAL_C, delegation: as.dkDelegation } });
    const chair = await open('secretariat@example.org');
    headingOf(chair.doc, first!).insert(0, 'Scope');
    await eventually(() => headingOf(dk.doc, first!).toString() === 'Scope', 'the heading to reach Denmark');
    headingOf(dk.doc, first!).insert(5, ' (DK)', { [INSERTION_MARK]: { id: PROPOSAL_D, delegation: as.dkDelegation } });
    const us0 = await open('us@example.org');
    await eventually(() => readProposals(us0.doc).length === 2, 'Denmark’s proposals to reach the US');
    const snapshot = await server.rooms.read(draftId, (doc) => Y.encodeStateAsUpdate(doc));

    const attempts: Array<[string, (doc: Y.Doc) => void, RegExp]> = [
      ['types plain text into accepted text', (doc) => paragraph(doc, second!).insert(3, 'plain '), /accepted text/],
      ['deletes accepted text outright', (doc) => paragraph(doc, second!).delete(0, 4), /accepted text/],
      ['deletes Denmark’s proposal', (doc) => paragraph(doc, first!).delete(0, 'Denmark '.length), /another delegation/],
      [
        'marks Denmark’s insertion for deletion',
        (doc) => paragraph(doc, first!).format(0, 3, { [DELETION_MARK]: { id: PROPOSAL_A, delegation: as.usDelegation } }),
        /another delegation/,
      ],
      [
        'reuses Denmark’s proposal id elsewhere',
        (doc) => paragraph(doc, second!).insert(0, 'Mine ', { [INSERTION_MARK]: { id: PROPOSAL_C, delegation: as.usDelegation } }),
        /already used/,
      ],
      [
        'moves a clause',
        (doc) => {
          const order = doc.getArray<string>('order');
          const at = order.toArray().indexOf(second!);
          doc.transact(() => {
            order.delete(at, 1);
            order.insert(0, [second!]);
          });
        },
        /only the secretariat/,
      ],
      [
        'changes a clause’s kind',
        (doc) =>
          readOrderedClauses(doc)
            .find((c) => c.id === second)!
            .map.set('kind', 'section'),
        /kind/,
      ],
      ['types plain text into a heading', (doc) => headingOf(doc, second!).insert(0, 'H '), /accepted text/],
      ['deletes accepted text of a heading outright', (doc) => headingOf(doc, first!).delete(0, 2), /accepted text/],
      [
        'changes Denmark’s proposal in a heading',
        (doc) => headingOf(doc, first!).delete(headingOf(doc, first!).length - 2, 2),
        /another delegation/,
      ],
      [
        'reuses Denmark’s heading proposal id in the text',
        (doc) => paragraph(doc, second!).insert(0, 'Mine ', { [INSERTION_MARK]: { id: PROPOSAL_D, delegation: as.usDelegation } }),
        /already used/,
      ],
    ];
    for (const [what, edit, reason] of attempts) {
      const us = await open('us@example.org');
      edit(us.doc);
      const close = await closedWith(us);
      expect({ what, code: close.code }).toEqual({ what, code: CLOSE_CODE.EDIT_REFUSED });
      expect(close.reason, what).toMatch(reason);
      us.destroy();
    }
    // Nothing of it took effect: the server's document is as before, and Denmark's page still is too.
    const now = await server.rooms.read(draftId, (doc) => Y.encodeStateVector(doc));
    expect(now).toEqual(Y.encodeStateVectorFromUpdate(snapshot));
    const writer = await open('us@example.org');
    paragraph(writer.doc, second!).insert(0, 'Fine ', { [INSERTION_MARK]: { id: PROPOSAL_B, delegation: as.usDelegation } });
    await eventually(() => readProposals(dk.doc).length === 3, 'a proper proposal to arrive after the refusals');
    expect(readProposals(dk.doc).map((p) => [p.id, p.delegationId, p.text])).toEqual([
      [PROPOSAL_D, as.dkDelegation, ' (DK)'],
      [PROPOSAL_C, as.dkDelegation, 'Denmark '],
      [PROPOSAL_B, as.usDelegation, 'Fine '],
    ]);
  });

  it('refuses a new proposal that takes the id of one already decided', async () => {
    const { server, draftId, as, open } = await setup();
    await amendmentsMode(server, as.secretariat, draftId);
    const us = await open('us@example.org');
    const [first, second] = clausesWithText(us.doc);
    paragraph(us.doc, first!).insert(0, 'Once ', { [INSERTION_MARK]: { id: PROPOSAL_A, delegation: as.usDelegation } });
    const dk = await open('dk@example.org');
    await eventually(() => readProposals(dk.doc).length === 1, 'the proposal to reach Denmark');
    const accepted = await as.secretariat.post(`/api/drafts/${draftId}/amendments/${PROPOSAL_A}/accept`);
    expect(accepted.status).toBe(200);
    await eventually(() => readProposals(us.doc).length === 0, 'the acceptance to reach the US');
    paragraph(us.doc, second!).insert(0, 'Again ', { [INSERTION_MARK]: { id: PROPOSAL_A, delegation: as.usDelegation } });
    const close = await closedWith(us);
    expect(close.code).toBe(CLOSE_CODE.EDIT_REFUSED);
    expect(close.reason).toMatch(/already used/);
  });

  it('lets the secretariat edit directly in amendments mode, and refuses proposal marks from a delegate in direct mode', async () => {
    const { server, draftId, as, open } = await setup();
    const us = await open('us@example.org');
    const [clauseId] = clausesWithText(us.doc);
    paragraph(us.doc, clauseId!).insert(0, 'Marked ', { [INSERTION_MARK]: { id: PROPOSAL_A, delegation: as.usDelegation } });
    expect((await closedWith(us)).code).toBe(CLOSE_CODE.EDIT_REFUSED);

    await amendmentsMode(server, as.secretariat, draftId);
    const secretariat = await open('secretariat@example.org');
    const dk = await open('dk@example.org');
    paragraph(secretariat.doc, clauseId!).insert(0, 'Chair: ');
    await eventually(() => bodyText(dk.doc, clauseId!).startsWith('Chair: '), 'the secretariat’s edit to arrive');
    expect(secretariat.closes).toEqual([]);
    expect(readProposals(dk.doc)).toEqual([]);
  });
});
