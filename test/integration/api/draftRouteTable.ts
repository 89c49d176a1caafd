import { expect } from 'vitest';
import * as Y from 'yjs';
import { addOption } from '../../../shared/doc/options.js';
import { readClause } from '../../../shared/doc/readClause.js';
import { openCollabClient } from '../../helpers/collabClient.js';
import type { TestServer } from '../../helpers/testServer.js';
import {
  amendmentsDraft,
  eventuallyAsync,
  proposeInsertion,
  waitForProposals,
  type AmendmentMembers,
} from '../amendments/amendmentHelpers.js';

/** Who sends a request: the member allowed to make that change on a draft that is not archived. */
export type Who = 'secretariat' | 'us';

export interface Ids {
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

export interface WriteRoute {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: (ids: Ids) => string;
  body?: (ids: Ids) => unknown;
  as: Who;
}

/**
 * Every route that changes something of one draft, with a request its member may make on a draft that is
 * not archived and that they take part in. In this order they all succeed one after the other (checked by
 * the tests that use this table), so each refusal there is for the reason tested, not for anything else.
 * A new write route of a draft must be added here: test/integration/api/archivedDraft.test.ts and
 * participants.test.ts both go through it.
 */
export const WRITES: WriteRoute[] = [
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

/**
 * Every read of one draft (the export formats have tests of their own), with who reads it: what every member
 * keeps reading on an archived draft, and what a member who does not take part cannot.
 */
export const READS: Array<{ path: (ids: Ids) => string; as: Who | 'reviewer' }> = [
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

export const describeRoute = (route: { method?: string; path: (ids: Ids) => string }) =>
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

/**
 * The starter draft with something for every route of the table to act on: in amendments mode with two US
 * proposals, an option, a comment, a US position and two versions, its counts settled. Returns its members
 * (the secretariat, the US and Norway delegates, the reviewer) signed in, and the ids the routes need.
 */
export async function draftRouteFixture(server: TestServer): Promise<{ as: AmendmentMembers; ids: Ids }> {
  // The starter draft in amendments mode, with US proposals in it, so deciding proposals has something to decide.
  const setup = await amendmentsDraft(server);
  const as = setup.as;
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
  const ids: Ids = {
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
  return { as, ids };
}

/**
 * Everything a change could touch, as the secretariat reads it: the draft's record, comments, versions,
 * negotiation, proposals, audit log, and the live document's state vector (any change of the text, by a
 * member or the server, adds to it).
 */
export async function draftSnapshot(server: TestServer, secretariat: AmendmentMembers['secretariat'], draftId: string) {
  const read = async (path: string) => {
    const res = await secretariat.get(`/api/drafts/${draftId}${path}`);
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
    text: await server.rooms.read(draftId, (doc) => Buffer.from(Y.encodeStateVector(doc)).toString('base64')),
  };
}
