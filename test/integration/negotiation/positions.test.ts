import { beforeAll, describe, expect, it } from 'vitest';
import { NegotiationState, PositionView } from '../../../shared/api/negotiation.js';
import { starterDraftId } from '../../helpers/collabClient.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { storedState } from '../versions/versionHelpers.js';
import { clauseIds, eventStreams, signInMembers } from './negotiationHelpers.js';

describe('positions', () => {
  let server: TestServer;
  let draftId: string;
  let clauses: string[];
  let as: Awaited<ReturnType<typeof signInMembers>>;
  const stream = eventStreams();
  const positionPath = (clauseId: string, delegationId: string) => `/api/drafts/${draftId}/clauses/${clauseId}/positions/${delegationId}`;
  const state = async () => NegotiationState.parse((await as.reviewer.get(`/api/drafts/${draftId}/negotiation`)).body);

  beforeAll(async () => {
    server = await startTestServer();
    draftId = await starterDraftId(server);
    as = await signInMembers(server);
    clauses = await clauseIds(server, draftId, 'operative');
  });

  it('are recorded by the delegation’s own delegates, one current position each, and reach another member live', async () => {
    const page = await stream(server, `/api/drafts/${draftId}/events`, as.dk);
    const first = await as.us.request('PUT', positionPath(clauses[0]!, as.usDelegation), { position: 'supports' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(PositionView.parse(first.body)).toMatchObject({
      clauseId: clauses[0],
      delegation: { id: as.usDelegation, name: 'United States' },
      position: 'supports',
      text: null,
    });
    await page.waitFor((e) => e.event === 'position.changed' && e.data.position.position === 'supports');

    const changed = await as.us.request('PUT', positionPath(clauses[0]!, as.usDelegation), {
      position: 'reservation',
      text: 'On “all relevant”',
    });
    expect(changed.status).toBe(200);
    const event = await page.waitFor((e) => e.event === 'position.changed' && e.data.position.position === 'reservation');
    expect(event.data.position).toEqual(changed.body);

    const positions = (await state()).positions.filter((p) => p.clauseId === clauses[0]);
    expect(positions.map((p) => [p.delegation.name, p.position, p.text])).toEqual([['United States', 'reservation', 'On “all relevant”']]);
  });

  it('are refused to another delegation’s delegate, the secretariat and reviewers, storing nothing', async () => {
    const before = await storedState(server);
    for (const member of [as.dk, as.secretariat, as.reviewer]) {
      const res = await member.request('PUT', positionPath(clauses[1]!, as.usDelegation), { position: 'opposes' });
      expect([res.status, res.body.error.code]).toEqual([403, 'FORBIDDEN']);
      const withdraw = await member.delete(positionPath(clauses[0]!, as.usDelegation));
      expect([withdraw.status, withdraw.body.error.code]).toEqual([403, 'FORBIDDEN']);
    }
    expect(await storedState(server)).toEqual(before);
    expect((await state()).positions.some((p) => p.clauseId === clauses[1])).toBe(false);
  });

  it('refuse a reservation without its text, text on another position, an unknown clause and an unknown delegation', async () => {
    const before = await storedState(server);
    const cases: Array<[string, unknown, number, string]> = [
      [positionPath(clauses[1]!, as.usDelegation), { position: 'reservation' }, 400, 'VALIDATION_FAILED'],
      [positionPath(clauses[1]!, as.usDelegation), { position: 'reservation', text: '   ' }, 400, 'VALIDATION_FAILED'],
      [positionPath(clauses[1]!, as.usDelegation), { position: 'supports', text: 'Why' }, 400, 'VALIDATION_FAILED'],
      [positionPath('AAAAAAAAAAAAAAAA', as.usDelegation), { position: 'supports' }, 404, 'CLAUSE_NOT_FOUND'],
      [positionPath(clauses[1]!, 'AAAAAAAAAAAAAAAA'), { position: 'supports' }, 404, 'DELEGATION_NOT_FOUND'],
      [positionPath(clauses[1]!, 'not-a-delegation'), { position: 'supports' }, 404, 'DELEGATION_NOT_FOUND'],
    ];
    for (const [path, body, status, code] of cases) {
      const res = await as.us.request('PUT', path, body);
      expect([res.status, res.body.error.code], `${path} ${JSON.stringify(body)}`).toEqual([status, code]);
    }
    expect(await storedState(server)).toEqual(before);
  });

  it('are withdrawn by the delegation’s delegate, live, and the withdrawal is audited', async () => {
    const page = await stream(server, `/api/drafts/${draftId}/events`, as.secretariat);
    const res = await as.us.delete(positionPath(clauses[0]!, as.usDelegation));
    expect(res.status).toBe(204);
    const event = await page.waitFor((e) => e.event === 'position.withdrawn');
    expect(event.data).toEqual({
      type: 'position.withdrawn',
      clauseId: clauses[0],
      delegationId: as.usDelegation,
      at: expect.stringMatching(/^20\d\d-/),
    });
    expect((await state()).positions).toEqual([]);

    const audit = (await as.secretariat.get(`/api/drafts/${draftId}/audit`)).body as Array<{
      action: string;
      detail: string;
      delegation: string | null;
      actor: { name: string };
    }>;
    expect(audit.map((e) => [e.action, e.detail])).toEqual([
      ['clause.position.withdrawn', 'Withdrew “Reservation”'],
      ['clause.position', 'Reservation: On “all relevant”'],
      ['clause.position', 'Supports'],
    ]);
    expect(audit[0]).toMatchObject({ delegation: 'United States', actor: { name: 'James Carter' } });
  });

  it('take the same position again as no change: nothing stored, audited or announced', async () => {
    const path = positionPath(clauses[1]!, as.usDelegation);
    const set = await as.us.request('PUT', path, { position: 'can-live-with' });
    expect(set.status).toBe(200);
    const before = await storedState(server);
    const again = await as.us.request('PUT', path, { position: 'can-live-with' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(set.body);
    expect(await storedState(server)).toEqual(before);
  });
});
