import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { AmendmentView } from '../../../shared/api/amendments.js';
import { readAmendments } from '../../../shared/amendments/clauseProposals.js';
import { CLOSE_CODE } from '../../../shared/collab/closeCodes.js';
import { addClause } from '../../../shared/doc/addClause.js';
import { readParagraphs } from '../../../shared/doc/clauseBody.js';
import { readClause } from '../../../shared/doc/readClause.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { CLAUSE_FIELD } from '../../../shared/doc/schema.js';
import { eventually, openCollabClient, signInCookie, starterDraftId, type CollabClient } from '../../helpers/collabClient.js';
import { startTestServer } from '../../helpers/testServer.js';
import { signInMembers } from '../negotiation/negotiationHelpers.js';

const NEW_CLAUSE = 'newClauseUS00001';
const SECOND_CLAUSE = 'newClauseUS00002';
const DELETE_CLAUSE = 'deleteClauseUS01';

async function setup() {
  const server = await startTestServer();
  const draftId = await starterDraftId(server);
  const as = await signInMembers(server);
  expect((await as.secretariat.patch(`/api/drafts/${draftId}`, { editingMode: 'amendments' })).status).toBe(200);
  const open = async (email: string) => openCollabClient(server, { draftId, cookie: await signInCookie(server, email) });
  return { server, draftId, as, open };
}

const orderOf = (doc: Y.Doc) => readOrderedClauses(doc).map((c) => c.id);

async function closedWith(client: CollabClient) {
  await eventually(() => client.closes.length > 0, 'the socket to be closed');
  return client.closes[0]!;
}

describe('proposals on whole clauses, in amendments mode', () => {
  it('lets a delegation propose a new clause (in its own name), write it, and the secretariat accept or reject it', async () => {
    const { draftId, as, open } = await setup();
    const us = await open('us@example.org');
    const dk = await open('dk@example.org');
    const last = orderOf(us.doc).at(-1)!;
    // Proposed in Denmark's name: the server puts it in the sender's.
    const added = addClause(us.doc, { kind: 'operative', after: last, proposedBy: { id: NEW_CLAUSE, delegation: as.dkDelegation } });
    await eventually(() => orderOf(dk.doc).includes(added), 'the proposed clause to reach Denmark');
    await eventually(() => readClause(dk.doc, added)?.proposedBy?.delegation === as.usDelegation, 'the proposal in the US’s name');
    // The proposing delegation writes its own proposed clause directly.
    const paragraph = readClause(us.doc, added)!.body.get(0) as Y.XmlElement;
    const { XmlText } = await import('yjs');
    paragraph.insert(0, [new XmlText('Subscribing States will report yearly.')]);
    await eventually(
      () => readParagraphs(readClause(dk.doc, added)!.body).join('') === 'Subscribing States will report yearly.',
      'the text',
    );
    // Denmark may not write into it directly.
    const dkWriter = await open('dk@example.org');
    const text = (readClause(dkWriter.doc, added)!.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(0, 'Denmark: ');
    expect((await closedWith(dkWriter)).code).toBe(CLOSE_CODE.EDIT_REFUSED);

    const listed = (await as.secretariat.get(`/api/drafts/${draftId}/amendments`)).body as AmendmentView[];
    expect(listed).toContainEqual(
      expect.objectContaining({
        id: NEW_CLAUSE,
        clauseId: added,
        delegationId: as.usDelegation,
        kind: 'clause-insertion',
        text: 'Subscribing States will report yearly.',
      }),
    );
    expect((await as.secretariat.post(`/api/drafts/${draftId}/amendments/${NEW_CLAUSE}/accept`)).status).toBe(200);
    await eventually(() => readClause(dk.doc, added)?.proposedBy === null, 'the acceptance to reach Denmark');
    expect(orderOf(dk.doc)).toContain(added);

    const second = addClause(us.doc, { kind: 'operative', after: added, proposedBy: { id: SECOND_CLAUSE, delegation: as.usDelegation } });
    await eventually(() => orderOf(dk.doc).includes(second), 'the second proposed clause to reach Denmark');
    expect((await as.secretariat.post(`/api/drafts/${draftId}/amendments/${SECOND_CLAUSE}/reject`)).status).toBe(200);
    await eventually(() => !orderOf(dk.doc).includes(second), 'the rejected clause to leave Denmark’s text');
    expect(us.closes).toEqual([]);
  });

  it('lets a delegation propose deleting a clause, protects the proposal from others, and carries out an accepted deletion', async () => {
    const { draftId, as, open } = await setup();
    const us = await open('us@example.org');
    const dk = await open('dk@example.org');
    const target = orderOf(us.doc)[2]!;
    readClause(us.doc, target)!.map.set(CLAUSE_FIELD.deletionProposedBy, { id: DELETE_CLAUSE, delegation: as.usDelegation });
    await eventually(() => readAmendments(dk.doc).some((a) => a.id === DELETE_CLAUSE && a.kind === 'clause-deletion'), 'the proposal');

    const dkWriter = await open('dk@example.org');
    readClause(dkWriter.doc, target)!.map.delete(CLAUSE_FIELD.deletionProposedBy);
    const close = await closedWith(dkWriter);
    expect(close.code).toBe(CLOSE_CODE.EDIT_REFUSED);
    expect(close.reason).toMatch(/another delegation/);

    const usDeleter = await open('us@example.org');
    const order = usDeleter.doc.getArray('order');
    order.delete(order.toArray().indexOf(target), 1);
    expect((await closedWith(usDeleter)).code).toBe(CLOSE_CODE.EDIT_REFUSED);

    expect((await as.secretariat.post(`/api/drafts/${draftId}/amendments/${DELETE_CLAUSE}/accept`)).status).toBe(200);
    await eventually(() => !orderOf(dk.doc).includes(target), 'the deleted clause to leave Denmark’s text');
    expect(readAmendments(dk.doc).some((a) => a.id === DELETE_CLAUSE)).toBe(false);
  });

  it('refuses a delegate’s new clause that is neither a proposal nor an option', async () => {
    const { open } = await setup();
    const us = await open('us@example.org');
    addClause(us.doc, { kind: 'operative', after: orderOf(us.doc).at(-1)! });
    const close = await closedWith(us);
    expect(close.code).toBe(CLOSE_CODE.EDIT_REFUSED);
    expect(close.reason).toMatch(/propose/);
  });
});
