import { beforeAll, describe, expect, it } from 'vitest';
import { AuditEntryView, ClauseStatusEntry, NegotiationState } from '../../../shared/api/negotiation.js';
import { starterDraftId } from '../../helpers/collabClient.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { storedState } from '../versions/versionHelpers.js';
import { clauseIds, eventStreams, signInMembers } from './negotiationHelpers.js';

describe('clause status', () => {
  let server: TestServer;
  let draftId: string;
  let clauses: string[];
  let as: Awaited<ReturnType<typeof signInMembers>>;
  const stream = eventStreams();
  const statusPath = (clauseId: string) => `/api/drafts/${draftId}/clauses/${clauseId}/status`;

  beforeAll(async () => {
    server = await startTestServer();
    draftId = await starterDraftId(server);
    as = await signInMembers(server);
    clauses = await clauseIds(server, draftId, 'operative');
  });

  it('is set by the secretariat with a note, kept as a history, and reaches another member’s page live', async () => {
    const page = await stream(server, `/api/drafts/${draftId}/events`, as.dk);
    const res = await as.secretariat.request('PUT', statusPath(clauses[0]!), { status: 'agreed-ad-ref', note: '  Pending capitals  ' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const entry = ClauseStatusEntry.parse(res.body);
    expect(entry).toMatchObject({
      draftId,
      clauseId: clauses[0],
      status: 'agreed-ad-ref',
      note: 'Pending capitals',
      by: { name: 'Helena Brandt' },
    });
    const event = await page.waitFor((e) => e.event === 'clause.status');
    expect(event.data.entry).toEqual(entry);

    await as.secretariat.request('PUT', statusPath(clauses[0]!), { status: 'agreed' });
    await as.secretariat.request('PUT', statusPath(clauses[0]!), { status: 'reopened', note: 'Capital objects' });
    const state = NegotiationState.parse((await as.reviewer.get(`/api/drafts/${draftId}/negotiation`)).body);
    expect(state.statuses.filter((s) => s.clauseId === clauses[0]).map((s) => [s.status, s.note])).toEqual([
      ['agreed-ad-ref', 'Pending capitals'],
      ['agreed', ''],
      ['reopened', 'Capital objects'],
    ]);
  });

  it('is refused to delegates and reviewers, changing nothing', async () => {
    const before = await storedState(server);
    for (const member of [as.us, as.reviewer]) {
      const res = await member.request('PUT', statusPath(clauses[1]!), { status: 'agreed' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect(await storedState(server)).toEqual(before);
  });

  it('is refused for an unknown clause, a malformed clause id and an unknown status', async () => {
    const before = await storedState(server);
    const unknown = await as.secretariat.request('PUT', statusPath('AAAAAAAAAAAAAAAA'), { status: 'agreed' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'CLAUSE_NOT_FOUND']);
    const malformed = await as.secretariat.request('PUT', statusPath('..%2F..%2Fmetadata'), { status: 'agreed' });
    expect([malformed.status, malformed.body.error.code]).toEqual([404, 'CLAUSE_NOT_FOUND']);
    const badStatus = await as.secretariat.request('PUT', statusPath(clauses[1]!), { status: 'settled' });
    expect([badStatus.status, badStatus.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await storedState(server)).toEqual(before);
  });

  it('refuses to reopen a clause that is open, or to set the status it already has, changing nothing', async () => {
    const before = await storedState(server);
    const reopen = await as.secretariat.request('PUT', statusPath(clauses[2]!), { status: 'reopened' });
    expect([reopen.status, reopen.body.error.code]).toEqual([409, 'INVALID_STATUS_CHANGE']);
    const same = await as.secretariat.request('PUT', statusPath(clauses[2]!), { status: 'open' });
    expect([same.status, same.body.error.code]).toEqual([409, 'INVALID_STATUS_CHANGE']);
    expect(await storedState(server)).toEqual(before);
  });

  it('is in the audit log the secretariat reads, newest first, and only the secretariat', async () => {
    const res = await as.secretariat.get(`/api/drafts/${draftId}/audit`);
    expect(res.status).toBe(200);
    const entries = res.body.map((e: unknown) => AuditEntryView.parse(e));
    expect(entries.map((e: AuditEntryView) => [e.action, e.clauseId, e.detail])).toEqual([
      ['clause.status', clauses[0], 'Reopened — Capital objects'],
      ['clause.status', clauses[0], 'Agreed'],
      ['clause.status', clauses[0], 'Agreed ad ref — Pending capitals'],
    ]);
    expect(entries[0]).toMatchObject({ actor: { name: 'Helena Brandt' }, delegation: null });
    for (const member of [as.us, as.reviewer]) expect((await member.get(`/api/drafts/${draftId}/audit`)).status).toBe(403);
  });
});
