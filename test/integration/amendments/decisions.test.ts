import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { AmendmentView, DecisionResult } from '../../../shared/api/amendments.js';
import type { RoomMember } from '../../../server/rooms/RoomClient.js';
import { eventually, registerTeardown } from '../../helpers/collabClient.js';
import { readDraftFromDisk } from '../../helpers/draftDisk.js';
import { ApiClient } from '../../helpers/http.js';
import { manualClock, startTestServer, TEST_PASSWORD } from '../../helpers/testServer.js';
import {
  amendmentAudit,
  amendmentsDraft,
  decide,
  firstParagraph,
  listAmendments,
  markedIds,
  newProposalId,
  plain,
  proposeDeletion,
  proposeInsertion,
  waitForProposals,
} from './amendmentHelpers.js';

/** OP1 of the starter text begins "Subscribing States will take into account the risk …". */
const OP1_START = 'Subscribing States will take into account the risk';

describe('listing proposals', () => {
  it('lists every undecided proposal with its clause, delegation, kind, text and when the server first saw it, for every member', async () => {
    const clock = manualClock();
    const server = await startTestServer({ clock });
    const { draftId, as, clauses, us } = await amendmentsDraft(server);
    const insertion = proposeInsertion(us.doc, clauses[0]!, 18, ' collectively', as.usDelegation);
    const deletion = proposeDeletion(us.doc, clauses[1]!, 0, 11, as.usDelegation);
    await waitForProposals(as.secretariat, draftId, [insertion, deletion]);

    for (const member of [as.secretariat, as.us, as.no, as.reviewer]) {
      const listed = (await listAmendments(member, draftId)).map((a) => AmendmentView.parse(a));
      expect(listed).toEqual([
        {
          id: insertion,
          clauseId: clauses[0],
          delegationId: as.usDelegation,
          kind: 'insertion',
          text: ' collectively',
          createdAt: clock().toISOString(),
        },
        {
          id: deletion,
          clauseId: clauses[1],
          delegationId: as.usDelegation,
          kind: 'deletion',
          text: 'Subscribing',
          createdAt: clock().toISOString(),
        },
      ]);
    }
    const signedOut = await new ApiClient(server.url).get(`/api/drafts/${draftId}/amendments`);
    expect([signedOut.status, signedOut.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const unknownDraft = await as.us.get('/api/drafts/AAAAAAAAAAAAAAAA/amendments');
    expect([unknownDraft.status, unknownDraft.body.error.code]).toEqual([404, 'DRAFT_NOT_FOUND']);
  });

  it('records a proposal once, when the room first reports it, as the createdAt every later listing gives', async () => {
    const clock = manualClock();
    const server = await startTestServer({ clock });
    const { draftId, as, clauses, us } = await amendmentsDraft(server);
    const madeAt = clock().toISOString();
    const id = proposeInsertion(us.doc, clauses[0]!, 18, ' collectively', as.usDelegation);
    await waitForProposals(as.secretariat, draftId, [id]);
    const proposal = await server.rooms.read(draftId, (doc) => ({
      id,
      clauseId: clauses[0]!,
      delegationId: as.usDelegation,
      kind: 'insertion' as const,
      text: plain(firstParagraph(doc, clauses[0]!)).slice(18, 31),
    }));
    const actor: RoomMember = {
      id: as.usMember.id,
      name: as.usMember.name,
      role: 'delegate',
      delegation: 'United States',
      delegationId: as.usDelegation,
      readOnly: false,
    };
    // The room's report (sent again here: reporting a proposal it already reported records nothing more).
    await server.services.amendments.proposalsMade(draftId, actor, [proposal]);
    clock.advance(60_000);
    await server.services.amendments.proposalsMade(draftId, actor, [proposal]);

    expect((await listAmendments(as.no, draftId)).map((a) => a.createdAt)).toEqual([madeAt]);
    const proposed = (await amendmentAudit(as.secretariat, draftId)).filter((e) => e.action === 'amendment.proposed');
    expect(proposed).toMatchObject([
      {
        at: madeAt,
        clauseId: clauses[0],
        actor: { name: 'James Carter' },
        delegation: 'United States',
        detail: 'Proposed an insertion (United States)',
      },
    ]);
  });
});

describe('deciding one proposal', () => {
  it('accepts an insertion: the mark goes, the text stays, for everyone at once and on disk', async () => {
    const server = await startTestServer({ keepData: true });
    registerTeardown(() => rm(server.dataDir, { recursive: true, force: true }));
    const { draftId, as, clauses, us, no } = await amendmentsDraft(server);
    const id = proposeInsertion(us.doc, clauses[0]!, 18, ' collectively', as.usDelegation);
    await waitForProposals(as.secretariat, draftId, [id]);
    await eventually(() => markedIds(firstParagraph(no.doc, clauses[0]!)).includes(id), 'the proposal to reach Norway');

    const res = await decide(as.secretariat, draftId, id, 'accept');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(DecisionResult.parse(res.body)).toEqual({ decided: [id] });

    const accepted = `Subscribing States collectively will take into account the risk`;
    await eventually(() => markedIds(firstParagraph(no.doc, clauses[0]!)).length === 0, 'the decision to reach Norway');
    expect(plain(firstParagraph(no.doc, clauses[0]!))).toMatch(new RegExp(`^${accepted}`));
    await eventually(() => markedIds(firstParagraph(us.doc, clauses[0]!)).length === 0, 'the decision to reach the proposer');
    expect(await listAmendments(as.us, draftId)).toEqual([]);

    us.destroy();
    no.destroy();
    await server.close();
    const disk = firstParagraph(await readDraftFromDisk(server.dataDir, draftId), clauses[0]!);
    expect([plain(disk).startsWith(accepted), markedIds(disk)]).toEqual([true, []]);
  });

  it('rejects an insertion: the proposed text goes', async () => {
    const server = await startTestServer();
    const { draftId, as, clauses, us, no } = await amendmentsDraft(server);
    const id = proposeInsertion(us.doc, clauses[0]!, 18, ' collectively', as.usDelegation);
    await waitForProposals(as.secretariat, draftId, [id]);

    expect((await decide(as.secretariat, draftId, id, 'reject')).body).toEqual({ decided: [id] });
    await eventually(() => !plain(firstParagraph(no.doc, clauses[0]!)).includes('collectively'), 'the rejection to reach Norway');
    expect(plain(firstParagraph(no.doc, clauses[0]!))).toMatch(new RegExp(`^${OP1_START}`));
    expect(markedIds(firstParagraph(no.doc, clauses[0]!))).toEqual([]);
  });

  it('accepts a deletion: the text goes', async () => {
    const server = await startTestServer();
    const { draftId, as, clauses, us, no } = await amendmentsDraft(server);
    // "take into account " proposed for deletion by Norway.
    const id = proposeDeletion(no.doc, clauses[0]!, 24, 18, as.noDelegation);
    await waitForProposals(as.secretariat, draftId, [id]);
    expect((await listAmendments(as.secretariat, draftId))[0]).toMatchObject({ id, kind: 'deletion', text: 'take into account ' });

    expect((await decide(as.secretariat, draftId, id, 'accept')).body).toEqual({ decided: [id] });
    await eventually(
      () => plain(firstParagraph(us.doc, clauses[0]!)).startsWith('Subscribing States will the risk'),
      'the deletion to reach the US',
    );
    expect(markedIds(firstParagraph(us.doc, clauses[0]!))).toEqual([]);
  });

  it('rejects a deletion: the mark goes, the text stays', async () => {
    const server = await startTestServer();
    const { draftId, as, clauses, us, no } = await amendmentsDraft(server);
    const id = proposeDeletion(no.doc, clauses[0]!, 24, 18, as.noDelegation);
    await waitForProposals(as.secretariat, draftId, [id]);
    await eventually(() => markedIds(firstParagraph(us.doc, clauses[0]!)).includes(id), 'the proposal to reach the US');

    expect((await decide(as.secretariat, draftId, id, 'reject')).body).toEqual({ decided: [id] });
    await eventually(() => markedIds(firstParagraph(us.doc, clauses[0]!)).length === 0, 'the rejection to reach the US');
    expect(plain(firstParagraph(us.doc, clauses[0]!))).toMatch(new RegExp(`^${OP1_START}`));
  });

  it('lets a delegate of the proposing delegation withdraw it, but not accept it', async () => {
    const server = await startTestServer();
    const { draftId, as, clauses, us, no } = await amendmentsDraft(server);
    const id = proposeInsertion(us.doc, clauses[0]!, 18, ' collectively', as.usDelegation);
    await waitForProposals(as.secretariat, draftId, [id]);

    const accept = await decide(as.us, draftId, id, 'accept');
    expect([accept.status, accept.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await listAmendments(as.us, draftId)).map((a) => a.id)).toEqual([id]);

    const withdraw = await decide(as.us, draftId, id, 'reject');
    expect([withdraw.status, withdraw.body]).toEqual([200, { decided: [id] }]);
    await eventually(() => !plain(firstParagraph(no.doc, clauses[0]!)).includes('collectively'), 'the withdrawal to reach Norway');
    const audit = (await amendmentAudit(as.secretariat, draftId)).filter((e) => e.action !== 'amendment.proposed');
    expect(audit).toMatchObject([
      {
        action: 'amendment.withdrawn',
        clauseId: clauses[0],
        actor: { name: 'James Carter' },
        delegation: 'United States',
        detail: 'Withdrew the insertion of “ collectively” (United States)',
      },
    ]);
  });

  it('refuses another delegation’s delegate and a reviewer, changing nothing', async () => {
    const server = await startTestServer();
    const { draftId, as, clauses, us } = await amendmentsDraft(server);
    const id = proposeInsertion(us.doc, clauses[0]!, 18, ' collectively', as.usDelegation);
    await waitForProposals(as.secretariat, draftId, [id]);
    const before = await server.rooms.read(draftId, (doc) => firstParagraph(doc, clauses[0]!).toDelta() as unknown);

    for (const [member, decision] of [
      [as.no, 'reject'],
      [as.no, 'accept'],
      [as.reviewer, 'reject'],
      [as.reviewer, 'accept'],
    ] as const) {
      const res = await decide(member, draftId, id, decision);
      expect([res.status, res.body.error.code], `${decision}`).toEqual([403, 'FORBIDDEN']);
    }
    for (const member of [as.us, as.no, as.reviewer]) {
      for (const decision of ['accept', 'reject']) {
        const bulk = await member.post(`/api/drafts/${draftId}/amendments/${decision}`, {});
        expect([bulk.status, bulk.body.error.code]).toEqual([403, 'FORBIDDEN']);
      }
    }
    expect(await server.rooms.read(draftId, (doc) => firstParagraph(doc, clauses[0]!).toDelta() as unknown)).toEqual(before);
    expect((await amendmentAudit(as.secretariat, draftId)).filter((e) => e.action !== 'amendment.proposed')).toEqual([]);
  });

  it('answers 404 for an id never made (or not of the id shape) and 409 for one decided before, even after a restart', async () => {
    const server = await startTestServer({ keepData: true });
    registerTeardown(() => rm(server.dataDir, { recursive: true, force: true }));
    const { draftId, as, clauses, us } = await amendmentsDraft(server);
    for (const unknown of [newProposalId(), 'not-an-id', '..%2F..%2Fmetadata']) {
      const res = await decide(as.secretariat, draftId, unknown, 'accept');
      expect([res.status, res.body.error.code], unknown).toEqual([404, 'AMENDMENT_NOT_FOUND']);
    }
    const id = proposeInsertion(us.doc, clauses[0]!, 18, ' collectively', as.usDelegation);
    await waitForProposals(as.secretariat, draftId, [id]);
    expect((await decide(as.secretariat, draftId, id, 'accept')).status).toBe(200);
    for (const [member, decision] of [
      [as.secretariat, 'accept'],
      [as.secretariat, 'reject'],
      [as.us, 'reject'],
    ] as const) {
      const again = await decide(member, draftId, id, decision);
      expect([again.status, again.body.error.code]).toEqual([409, 'AMENDMENT_DECIDED']);
    }

    us.destroy();
    await server.close();
    const restarted = await startTestServer({ dataDir: server.dataDir });
    const secretariat = await new ApiClient(restarted.url).signIn('secretariat@example.org', TEST_PASSWORD);
    const afterRestart = await decide(secretariat, draftId, id, 'reject');
    expect([afterRestart.status, afterRestart.body.error.code]).toEqual([409, 'AMENDMENT_DECIDED']);
  });

  it('decides a proposal exactly once when two decisions race', async () => {
    const server = await startTestServer();
    const { draftId, as, clauses, us } = await amendmentsDraft(server);
    const id = proposeInsertion(us.doc, clauses[0]!, 18, ' collectively', as.usDelegation);
    await waitForProposals(as.secretariat, draftId, [id]);

    const answers = await Promise.all([
      decide(as.secretariat, draftId, id, 'accept'),
      decide(as.secretariat, draftId, id, 'reject'),
      decide(as.us, draftId, id, 'reject'),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    const decisions = (await amendmentAudit(as.secretariat, draftId)).filter((e) => e.action !== 'amendment.proposed');
    expect(decisions).toHaveLength(1);
    // Whichever won, the text is as that decision left it.
    const text = await server.rooms.read(draftId, (doc) => plain(firstParagraph(doc, clauses[0]!)));
    expect(text.includes('collectively')).toBe(decisions[0]!.action === 'amendment.accepted');
  });

  it('keeps one audit entry per decision: who, which clause, whose proposal and what text', async () => {
    const server = await startTestServer();
    const { draftId, as, clauses, us, no } = await amendmentsDraft(server);
    const insertion = proposeInsertion(us.doc, clauses[0]!, 18, ' collectively', as.usDelegation);
    const deletion = proposeDeletion(no.doc, clauses[1]!, 0, 11, as.noDelegation);
    await waitForProposals(as.secretariat, draftId, [insertion, deletion]);
    await decide(as.secretariat, draftId, insertion, 'accept');
    await decide(as.secretariat, draftId, deletion, 'reject');

    const decisions = (await amendmentAudit(as.secretariat, draftId)).filter((e) => e.action !== 'amendment.proposed');
    expect(decisions).toMatchObject([
      {
        action: 'amendment.accepted',
        clauseId: clauses[0],
        actor: { name: 'Helena Brandt' },
        delegation: null,
        detail: 'Accepted the insertion of “ collectively” (United States)',
      },
      {
        action: 'amendment.rejected',
        clauseId: clauses[1],
        actor: { name: 'Helena Brandt' },
        delegation: null,
        detail: 'Rejected the deletion of “Subscribing” (Norway)',
      },
    ]);
    // The entries name the proposal they decided.
    const stored = await server.services.metadata.audit.pageByDraft(draftId, {
      limit: 10,
      actions: ['amendment.accepted', 'amendment.rejected'],
    });
    expect(stored.map((e) => e.target).reverse()).toEqual([insertion, deletion]);
  });
});
