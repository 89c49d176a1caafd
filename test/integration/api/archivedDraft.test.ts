import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addOption } from '../../../shared/doc/options.js';
import { readClause } from '../../../shared/doc/readClause.js';
import { openCollabClient } from '../../helpers/collabClient.js';
import { EventStreamReader } from '../../helpers/eventStream.js';
import type { ApiClient } from '../../helpers/http.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import {
  amendmentsDraft,
  eventuallyAsync,
  proposeInsertion,
  waitForProposals,
  type AmendmentMembers,
} from '../amendments/amendmentHelpers.js';

/** Who sends a request: the member allowed to make that change on a draft that is not archived. */
type Who = 'secretariat' | 'us';

interface Ids {
  draftId: string;
  /** Operative clauses of the starter draft, in reading order. */
  clauses: string[];
  usDelegation: string;
  commentId: string;
  /** Two unpublished versions: one to rename, restore and delete, one to publish. */
  versionA: string;
  versionB: string;
  /** An option added to clauses[2], to settle on. */
  optionId: string;
  /** Two undecided proposals of the US delegation: one for the secretariat to accept, one for the US to withdraw. */
  proposalToAccept: string;
  proposalToWithdraw: string;
}

interface WriteRoute {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: (ids: Ids) => string;
  body?: (ids: Ids) => unknown;
  as: Who;
}

/**
 * Every route that changes something of one draft, with a request its member may make on a draft that is
 * not archived. In this order they all succeed one after the other (checked after restoring), so each
 * refusal below is for being archived, not for anything else. A new write route of a draft must be added here.
 */
const WRITES: WriteRoute[] = [
  {
    method: 'POST',
    path: (i) => `/api/drafts/${i.draftId}/comments`,
    body: (i) => ({ clauseId: i.clauses[0], body: 'Late remark' }),
    as: 'us',
  },
  { method: 'PATCH', path: (i) => `/api/drafts/${i.draftId}/comments/${i.commentId}`, body: () => ({ body: 'Edited' }), as: 'us' },
  { method: 'PATCH', path: (i) => `/api/drafts/${i.draftId}/comments/${i.commentId}`, body: () => ({ resolved: true }), as: 'us' },
  { method: 'DELETE', path: (i) => `/api/drafts/${i.draftId}/comments/${i.commentId}`, as: 'us' },
  { method: 'POST', path: (i) => `/api/drafts/${i.draftId}/versions`, body: () => ({ label: 'Saved by a delegate' }), as: 'us' },
  {
    method: 'POST',
    path: (i) => `/api/drafts/${i.draftId}/versions`,
    body: () => ({ label: 'Saved by the secretariat' }),
    as: 'secretariat',
  },
  {
    method: 'PATCH',
    path: (i) => `/api/drafts/${i.draftId}/versions/${i.versionA}`,
    body: () => ({ label: 'Renamed' }),
    as: 'secretariat',
  },
  { method: 'POST', path: (i) => `/api/drafts/${i.draftId}/versions/${i.versionA}/restore`, as: 'secretariat' },
  { method: 'DELETE', path: (i) => `/api/drafts/${i.draftId}/versions/${i.versionA}`, as: 'secretariat' },
  { method: 'POST', path: (i) => `/api/drafts/${i.draftId}/versions/${i.versionB}/publish`, as: 'secretariat' },
  {
    method: 'PUT',
    path: (i) => `/api/drafts/${i.draftId}/clauses/${i.clauses[4]}/status`,
    body: () => ({ status: 'agreed-ad-ref', note: 'Pending capitals', confirm: true }),
    as: 'secretariat',
  },
  {
    method: 'PUT',
    path: (i) => `/api/drafts/${i.draftId}/clauses/${i.clauses[3]}/positions/${i.usDelegation}`,
    body: () => ({ position: 'supports' }),
    as: 'us',
  },
  { method: 'DELETE', path: (i) => `/api/drafts/${i.draftId}/clauses/${i.clauses[1]}/positions/${i.usDelegation}`, as: 'us' },
  {
    method: 'POST',
    path: (i) => `/api/drafts/${i.draftId}/clauses/${i.clauses[2]}/settle`,
    body: (i) => ({ optionId: i.optionId }),
    as: 'secretariat',
  },
  { method: 'POST', path: (i) => `/api/drafts/${i.draftId}/amendments/${i.proposalToAccept}/accept`, as: 'secretariat' },
  { method: 'POST', path: (i) => `/api/drafts/${i.draftId}/amendments/${i.proposalToWithdraw}/reject`, as: 'us' },
  { method: 'POST', path: (i) => `/api/drafts/${i.draftId}/amendments/accept`, body: () => ({}), as: 'secretariat' },
  { method: 'POST', path: (i) => `/api/drafts/${i.draftId}/amendments/reject`, body: () => ({}), as: 'secretariat' },
  // The draft's own settings: its editing mode is how its text is edited, so it does not change while archived.
  { method: 'PATCH', path: (i) => `/api/drafts/${i.draftId}`, body: () => ({ editingMode: 'direct' }), as: 'secretariat' },
];

/** What every member keeps reading on an archived draft (the export formats have tests of their own). */
const READS: Array<{ path: (ids: Ids) => string; as: Who | 'reviewer' }> = [
  { path: () => '/api/drafts', as: 'reviewer' },
  { path: (i) => `/api/drafts/${i.draftId}`, as: 'us' },
  { path: (i) => `/api/drafts/${i.draftId}/comments`, as: 'us' },
  { path: (i) => `/api/drafts/${i.draftId}/versions`, as: 'us' },
  { path: (i) => `/api/drafts/${i.draftId}/versions/${i.versionA}`, as: 'reviewer' },
  { path: (i) => `/api/drafts/${i.draftId}/compare?from=${i.versionA}&to=live`, as: 'us' },
  { path: (i) => `/api/drafts/${i.draftId}/negotiation`, as: 'us' },
  { path: (i) => `/api/drafts/${i.draftId}/audit`, as: 'secretariat' },
  { path: (i) => `/api/drafts/${i.draftId}/amendments`, as: 'reviewer' },
  { path: (i) => `/api/drafts/${i.draftId}/export?format=json`, as: 'us' },
  { path: (i) => `/api/drafts/${i.draftId}/export?format=docx`, as: 'reviewer' },
  { path: (i) => `/api/drafts/${i.draftId}/versions/${i.versionA}/export?format=pdf`, as: 'us' },
  { path: (i) => `/api/drafts/${i.draftId}/compare/export?from=${i.versionA}&to=live&format=html`, as: 'secretariat' },
];

const describeRoute = (route: { method?: string; path: (ids: Ids) => string }) =>
  `${route.method ?? 'GET'} ${route.path({
    draftId: ':id',
    clauses: [':clause', ':clause', ':clause', ':clause', ':clause'],
    usDelegation: ':delegation',
    commentId: ':comment',
    versionA: ':version',
    versionB: ':version',
    optionId: ':option',
    proposalToAccept: ':proposal',
    proposalToWithdraw: ':proposal',
  })}`;

describe('an archived draft is read-only through the API', () => {
  let server: TestServer;
  let as: AmendmentMembers;
  let ids: Ids;
  const client = (who: Who | 'reviewer'): ApiClient => as[who];

  /**
   * Everything a change could touch, as the secretariat reads it: the draft's record, comments, versions,
   * negotiation, proposals, audit log, and the live document's state vector (any change of the text, by a
   * member or the server, adds to it).
   */
  const snapshot = async () => {
    const read = async (path: string) => {
      const res = await as.secretariat.get(`/api/drafts/${ids.draftId}${path}`);
      expect(res.status, path).toBe(200);
      return res.body as unknown;
    };
    return {
      draft: await read(''),
      comments: await read('/comments'),
      versions: await read('/versions'),
      negotiation: await read('/negotiation'),
      amendments: await read('/amendments'),
      audit: await read('/audit'),
      text: await server.rooms.read(ids.draftId, (doc) => Buffer.from(Y.encodeStateVector(doc)).toString('base64')),
    };
  };

  beforeAll(async () => {
    server = await startTestServer();
    // The starter draft in amendments mode, with US proposals in it, so deciding proposals has something to decide.
    const setup = await amendmentsDraft(server);
    as = setup.as;
    const { draftId, clauses, us } = setup;
    expect(clauses.length).toBeGreaterThanOrEqual(5);
    const proposalToAccept = proposeInsertion(us.doc, clauses[0]!, 0, 'Accept me. ', as.usDelegation);
    const proposalToWithdraw = proposeInsertion(us.doc, clauses[1]!, 0, 'Withdraw me. ', as.usDelegation);
    await waitForProposals(as.secretariat, draftId, [proposalToAccept, proposalToWithdraw]);
    // The secretariat's own edits change the text directly: an option to settle on.
    const secretariatEditor = await openCollabClient(server, { draftId, cookie: as.secretariat.cookie! });
    const optionId = addOption(secretariatEditor.doc, clauses[2]!)!;
    await eventuallyAsync(() => server.rooms.read(draftId, (doc) => readClause(doc, optionId) !== null), 'the option on the server');

    const comment = await as.us.post(`/api/drafts/${draftId}/comments`, { clauseId: clauses[0], body: 'Before archiving' });
    expect(comment.status).toBe(201);
    const position = await as.us.request('PUT', `/api/drafts/${draftId}/clauses/${clauses[1]}/positions/${as.usDelegation}`, {
      position: 'can-live-with',
    });
    expect(position.status).toBe(200);
    const versionA = await as.secretariat.post(`/api/drafts/${draftId}/versions`, { label: 'Version A' });
    const versionB = await as.secretariat.post(`/api/drafts/${draftId}/versions`, { label: 'Version B' });
    expect([versionA.status, versionB.status]).toEqual([201, 201]);
    ids = {
      draftId,
      clauses,
      usDelegation: as.usDelegation,
      commentId: comment.body.id,
      versionA: versionA.body.id,
      versionB: versionB.body.id,
      optionId,
      proposalToAccept,
      proposalToWithdraw,
    };

    // The counts of proposals and options follow the text a moment later: settled before anything is compared.
    await eventuallyAsync(async () => {
      const counts = (await as.secretariat.get(`/api/drafts/${draftId}`)).body.counts;
      return counts.proposals === 2 && counts.options === 2;
    }, 'the draft’s counts to include the proposals and the option');

    const archived = await as.secretariat.patch(`/api/drafts/${draftId}`, { archived: true });
    expect(archived.status).toBe(200);
    expect(archived.body.archived).toBe(true);
  });

  it('can still be renamed by the secretariat, and stays archived', async () => {
    const renamed = await as.secretariat.patch(`/api/drafts/${ids.draftId}`, { title: 'Archived code (old)' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({ title: 'Archived code (old)', archived: true });
  });

  describe('refuses every change with 409 DRAFT_ARCHIVED, and nothing changes', () => {
    for (const route of WRITES) {
      it(`${describeRoute(route)} as ${route.as}`, async () => {
        const before = await snapshot();
        const res = await client(route.as).request(route.method, route.path(ids), route.body?.(ids));
        expect(res.status, JSON.stringify(res.body)).toBe(409);
        expect(res.body.error).toEqual({ code: 'DRAFT_ARCHIVED', message: 'This draft is archived. Restore it to change it.' });
        expect(await snapshot()).toEqual(before);
      });
    }
  });

  describe('answers every read', () => {
    for (const route of READS) {
      it(`${describeRoute(route)} as ${route.as}`, async () => {
        const res = await client(route.as).get(route.path(ids));
        expect(res.status, typeof res.body === 'string' ? res.body.slice(0, 200) : JSON.stringify(res.body)).toBe(200);
      });
    }

    it('GET /api/drafts/:id/events as us', async () => {
      const reader = await EventStreamReader.open(`${server.url}/api/drafts/${ids.draftId}/events`, as.us.cookie);
      try {
        expect(reader.status).toBe(200);
      } finally {
        reader.close();
      }
    });
  });

  it('once restored, takes every change again', async () => {
    const restored = await as.secretariat.patch(`/api/drafts/${ids.draftId}`, { archived: false });
    expect(restored.status).toBe(200);
    expect(restored.body.archived).toBe(false);
    for (const route of WRITES) {
      const res = await client(route.as).request(route.method, route.path(ids), route.body?.(ids));
      expect(res.status, `${describeRoute(route)}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    }
    // The last two really happened: the proposals are decided and the draft is back in direct editing.
    expect((await as.secretariat.get(`/api/drafts/${ids.draftId}/amendments`)).body).toEqual([]);
    expect((await as.secretariat.get(`/api/drafts/${ids.draftId}`)).body.editingMode).toBe('direct');
  });
});
