import { describe, expect, it } from 'vitest';
import { eventually } from '../../helpers/collabClient.js';
import { startTestServer } from '../../helpers/testServer.js';
import { bracketText } from '../negotiation/negotiationHelpers.js';
import {
  amendmentAudit,
  amendmentsDraft,
  decide,
  firstParagraph,
  listAmendments,
  markedIds,
  plain,
  proposeDeletion,
  proposeInsertion,
  waitForProposals,
} from './amendmentHelpers.js';

describe('deciding in bulk', () => {
  it('accepts a clause’s proposals, rejects a delegation’s, then decides the rest of the draft, each as one change', async () => {
    const server = await startTestServer();
    const { draftId, as, clauses, us, no } = await amendmentsDraft(server);
    const usInFirst = proposeInsertion(us.doc, clauses[0]!, 18, ' collectively', as.usDelegation);
    const noInFirst = proposeDeletion(no.doc, clauses[0]!, 24, 18, as.noDelegation);
    const usInSecond = proposeInsertion(us.doc, clauses[1]!, 0, 'All ', as.usDelegation);
    const noInSecond = proposeInsertion(no.doc, clauses[1]!, 0, 'Every one of the ', as.noDelegation);
    const noInThird = proposeDeletion(no.doc, clauses[2]!, 0, 11, as.noDelegation);
    await waitForProposals(as.secretariat, draftId, [usInFirst, noInFirst, usInSecond, noInSecond, noInThird]);
    await eventually(() => markedIds(firstParagraph(us.doc, clauses[2]!)).includes(noInThird), 'Norway’s proposals to reach the US');

    // Counting the document updates the US client receives: one per decision.
    let updates = 0;
    us.doc.on('update', () => (updates += 1));

    const byClause = await as.secretariat.post(`/api/drafts/${draftId}/amendments/accept`, { clauseId: clauses[0] });
    expect([byClause.status, [...byClause.body.decided].sort()]).toEqual([200, [usInFirst, noInFirst].sort()]);
    await eventually(() => markedIds(firstParagraph(us.doc, clauses[0]!)).length === 0, 'the clause’s decisions to reach the US');
    expect(plain(firstParagraph(us.doc, clauses[0]!))).toMatch(/^Subscribing States collectively will the risk/);
    expect(updates).toBe(1);

    const byDelegation = await as.secretariat.post(`/api/drafts/${draftId}/amendments/reject`, { delegationId: as.noDelegation });
    expect([byDelegation.status, [...byDelegation.body.decided].sort()]).toEqual([200, [noInSecond, noInThird].sort()]);
    await eventually(() => markedIds(firstParagraph(us.doc, clauses[2]!)).length === 0, 'the delegation’s rejections to reach the US');
    expect(plain(firstParagraph(us.doc, clauses[1]!))).toMatch(/^All Subscribing States/);
    expect(markedIds(firstParagraph(us.doc, clauses[1]!))).toEqual([usInSecond]);
    expect(updates).toBe(2);

    // Both filters at once: nothing of Norway is left in the second clause.
    const both = await as.secretariat.post(`/api/drafts/${draftId}/amendments/accept`, {
      clauseId: clauses[1],
      delegationId: as.noDelegation,
    });
    expect([both.status, both.body]).toEqual([200, { decided: [] }]);

    // No body at all: the whole draft.
    const rest = await as.secretariat.request('POST', `/api/drafts/${draftId}/amendments/accept`);
    expect([rest.status, rest.body]).toEqual([200, { decided: [usInSecond] }]);
    expect(await listAmendments(as.reviewer, draftId)).toEqual([]);
    const decisions = (await amendmentAudit(as.secretariat, draftId)).filter((e) => e.action !== 'amendment.proposed');
    expect(decisions.map((e) => [e.action, e.clauseId])).toEqual(
      expect.arrayContaining([
        ['amendment.accepted', clauses[0]],
        ['amendment.accepted', clauses[0]],
        ['amendment.rejected', clauses[1]],
        ['amendment.rejected', clauses[2]],
        ['amendment.accepted', clauses[1]],
      ]),
    );
    expect(decisions).toHaveLength(5);
  });

  it('refuses a malformed filter and a clause the draft does not have', async () => {
    const server = await startTestServer();
    const { draftId, as } = await amendmentsDraft(server);
    const extra = await as.secretariat.post(`/api/drafts/${draftId}/amendments/accept`, { clauseId: 'AAAAAAAAAAAAAAAA', everything: true });
    expect([extra.status, extra.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const malformed = await as.secretariat.post(`/api/drafts/${draftId}/amendments/reject`, { delegationId: '../x' });
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const unknown = await as.secretariat.post(`/api/drafts/${draftId}/amendments/accept`, { clauseId: 'AAAAAAAAAAAAAAAA' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'CLAUSE_NOT_FOUND']);
  });
});

describe('agreed text is locked for decisions', () => {
  it('refuses to decide proposals on an agreed clause, skips them in bulk, and decides them once the clause is reopened', async () => {
    const server = await startTestServer();
    const { draftId, as, clauses, us } = await amendmentsDraft(server);
    const locked = proposeInsertion(us.doc, clauses[0]!, 18, ' collectively', as.usDelegation);
    const open = proposeInsertion(us.doc, clauses[1]!, 0, 'All ', as.usDelegation);
    await waitForProposals(as.secretariat, draftId, [locked, open]);
    const statusPath = `/api/drafts/${draftId}/clauses/${clauses[0]}/status`;
    expect((await as.secretariat.request('PUT', statusPath, { status: 'agreed', confirm: true })).status).toBe(200);

    for (const [member, decision] of [
      [as.secretariat, 'accept'],
      [as.secretariat, 'reject'],
      [as.us, 'reject'],
    ] as const) {
      const res = await decide(member, draftId, locked, decision);
      expect([res.status, res.body.error.code]).toEqual([409, 'CLAUSE_LOCKED']);
    }
    const named = await as.secretariat.post(`/api/drafts/${draftId}/amendments/reject`, { clauseId: clauses[0] });
    expect([named.status, named.body.error.code]).toEqual([409, 'CLAUSE_LOCKED']);
    const whole = await as.secretariat.post(`/api/drafts/${draftId}/amendments/accept`, {});
    expect(whole.body).toEqual({ decided: [open] });
    expect((await listAmendments(as.secretariat, draftId)).map((a) => a.id)).toEqual([locked]);

    expect((await as.secretariat.request('PUT', statusPath, { status: 'reopened' })).status).toBe(200);
    expect((await decide(as.us, draftId, locked, 'reject')).body).toEqual({ decided: [locked] });
  });
});

describe('agreeing a clause that still holds proposals or brackets', () => {
  it('asks for confirmation with how many, records nothing until confirmed, and never asks for a clean clause', async () => {
    const server = await startTestServer();
    const { draftId, as, clauses, us, no } = await amendmentsDraft(server);
    proposeInsertion(us.doc, clauses[0]!, 18, ' collectively', as.usDelegation);
    const deletion = proposeDeletion(no.doc, clauses[0]!, 24, 18, as.noDelegation);
    bracketText(us.doc, clauses[0]!, 60, 10, as.usDelegation);
    await waitForProposals(as.secretariat, draftId, [deletion]);
    await eventually(() => markedIds(firstParagraph(no.doc, clauses[0]!)).length === 2, 'the US proposal to reach Norway');
    const statusPath = (clauseId: string) => `/api/drafts/${draftId}/clauses/${clauseId}/status`;
    const statuses = async () => (await as.secretariat.get(`/api/drafts/${draftId}/negotiation`)).body.statuses as unknown[];

    for (const status of ['agreed', 'agreed-ad-ref'] as const) {
      for (const body of [{ status }, { status, confirm: false }]) {
        const res = await as.secretariat.request('PUT', statusPath(clauses[0]!), body);
        expect([res.status, res.body.error.code, res.body.error.details]).toEqual([
          409,
          'CONFIRMATION_REQUIRED',
          { proposals: 2, brackets: 1 },
        ]);
        expect(res.body.error.message).toMatch(/2 proposals and 1 bracket/);
      }
    }
    expect(await statuses()).toEqual([]);

    // Other statuses never ask; a clause with nothing open is agreed at once.
    expect((await as.secretariat.request('PUT', statusPath(clauses[0]!), { status: 'open' })).body.error.code).toBe(
      'INVALID_STATUS_CHANGE',
    );
    expect((await as.secretariat.request('PUT', statusPath(clauses[2]!), { status: 'agreed' })).status).toBe(200);

    const confirmed = await as.secretariat.request('PUT', statusPath(clauses[0]!), {
      status: 'agreed-ad-ref',
      note: 'Pending capitals',
      confirm: true,
    });
    expect([confirmed.status, confirmed.body.status]).toEqual([200, 'agreed-ad-ref']);
    // Already agreed ad ref: agreeing it fully asks again, the text still being open.
    const again = await as.secretariat.request('PUT', statusPath(clauses[0]!), { status: 'agreed' });
    expect([again.status, again.body.error.code]).toEqual([409, 'CONFIRMATION_REQUIRED']);
    expect(await statuses()).toHaveLength(2);
  });
});
