import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AUDIT_PAGE_MAX, AUDIT_PAGE_SIZE, AuditEntryView } from '../../../shared/api/negotiation.js';
import { starterDraftId } from '../../helpers/collabClient.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { clauseIds, signInMembers } from './negotiationHelpers.js';

const Page = z.array(AuditEntryView);

describe('audit log paging', () => {
  let server: TestServer;
  let draftId: string;
  let as: Awaited<ReturnType<typeof signInMembers>>;
  const audit = (query = '') => as.secretariat.get(`/api/drafts/${draftId}/audit${query}`);

  beforeAll(async () => {
    server = await startTestServer();
    draftId = await starterDraftId(server);
    as = await signInMembers(server);
    const [clause] = await clauseIds(server, draftId, 'operative');
    // 2 x 60 status changes: more than one default page.
    for (let i = 0; i < 60; i += 1) {
      for (const status of ['agreed-ad-ref', 'reopened'] as const) {
        const res = await as.secretariat.request('PUT', `/api/drafts/${draftId}/clauses/${clause}/status`, { status, note: `change ${i}` });
        expect(res.status).toBe(200);
      }
    }
  });

  it('answers the newest page by default, and every entry once when paged to the end with before = the last id', async () => {
    const first = Page.parse((await audit()).body);
    expect(first).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first[0]).toMatchObject({ action: 'clause.status', detail: 'Reopened — change 59' });
    const seen = [...first];
    for (let page = Page.parse((await audit(`?limit=7&before=${seen.at(-1)!.id}`)).body); ;) {
      seen.push(...page);
      if (page.length < 7) break;
      page = Page.parse((await audit(`?limit=7&before=${seen.at(-1)!.id}`)).body);
    }
    expect(seen).toHaveLength(120);
    const ids = seen.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(120);
    expect(seen.at(-1)).toMatchObject({ detail: 'Agreed ad ref — change 0' });
  });

  it('holds at most the largest page', async () => {
    expect(Page.parse((await audit(`?limit=${AUDIT_PAGE_MAX}`)).body)).toHaveLength(120);
  });

  it('refuses a limit or cursor that is not a positive whole number in range with 400 VALIDATION_FAILED', async () => {
    for (const query of ['?limit=0', `?limit=${AUDIT_PAGE_MAX + 1}`, '?limit=ten', '?before=-3', '?before=1.5', '?before=1&before=2']) {
      const res = await audit(query);
      expect([res.status, res.body.error?.code], query).toEqual([400, 'VALIDATION_FAILED']);
    }
  });

  it('is the secretariat’s alone', async () => {
    for (const member of [as.us, as.reviewer]) {
      const res = await member.get(`/api/drafts/${draftId}/audit?limit=5`);
      expect([res.status, res.body.error?.code]).toEqual([403, 'FORBIDDEN']);
    }
  });
});
