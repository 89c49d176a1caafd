import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import type { AmendmentView } from '../../../shared/api/amendments.js';
import type { AuditEntryView } from '../../../shared/api/negotiation.js';
import { readProposalRuns } from '../../../shared/amendments/proposals.js';
import { readClause } from '../../../shared/doc/readClause.js';
import { DELETION_MARK, INSERTION_MARK } from '../../../shared/doc/schema.js';
import { openCollabClient, starterDraftId, type CollabClient } from '../../helpers/collabClient.js';
import { ApiClient } from '../../helpers/http.js';
import { TEST_PASSWORD, type TestServer } from '../../helpers/testServer.js';
import { clauseIds } from '../negotiation/negotiationHelpers.js';

/** Signed-in API clients for the secretariat, two delegations and a reviewer, with their ids as the server has them. */
export async function signInAmendmentMembers(server: TestServer) {
  const as = (email: string) => new ApiClient(server.url).signIn(email, TEST_PASSWORD);
  const members = {
    secretariat: await as('secretariat@example.org'),
    us: await as('us@example.org'),
    no: await as('no@example.org'),
    reviewer: await as('reviewer@example.org'),
  };
  const me = async (api: ApiClient) =>
    (await api.get('/api/me')).body as { id: string; name: string; delegation: { id: string; name: string } };
  const us = await me(members.us);
  const no = await me(members.no);
  return { ...members, usMember: us, usDelegation: us.delegation.id, noDelegation: no.delegation.id };
}

export type AmendmentMembers = Awaited<ReturnType<typeof signInAmendmentMembers>>;

/**
 * The starter draft switched to amendments mode, its members signed in, its operative clauses, and a stock
 * y-websocket client for each delegation (the US proposes, Norway watches).
 */
export async function amendmentsDraft(server: TestServer) {
  const draftId = await starterDraftId(server);
  const as = await signInAmendmentMembers(server);
  const switched = await as.secretariat.patch(`/api/drafts/${draftId}`, { editingMode: 'amendments' });
  if (switched.status !== 200) throw new Error(`switching to amendments mode failed: ${switched.status} ${JSON.stringify(switched.body)}`);
  const clauses = await clauseIds(server, draftId, 'operative');
  const us = await openCollabClient(server, { draftId, cookie: as.us.cookie! });
  const no = await openCollabClient(server, { draftId, cookie: as.no.cookie! });
  return { draftId, as, clauses, us, no };
}

/** A fresh proposal id of the id shape (as a client makes one). */
export function newProposalId(): string {
  return randomBytes(12).toString('base64url');
}

/** The Y.XmlText of a clause's first paragraph. */
export function firstParagraph(doc: Y.Doc, clauseId: string): Y.XmlText {
  const clause = readClause(doc, clauseId);
  if (!clause) throw new Error(`no clause ${clauseId}`);
  return (clause.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** Types `text` at `index` of a clause's first paragraph as a proposed insertion of `delegation`, as the editor writes it. */
export function proposeInsertion(doc: Y.Doc, clauseId: string, index: number, text: string, delegation: string): string {
  const id = newProposalId();
  firstParagraph(doc, clauseId).insert(index, text, { [INSERTION_MARK]: { id, delegation } });
  return id;
}

/** Proposes deleting `length` characters from `index` of a clause's first paragraph: the text stays, marked. */
export function proposeDeletion(doc: Y.Doc, clauseId: string, index: number, length: number, delegation: string): string {
  const id = newProposalId();
  firstParagraph(doc, clauseId).format(index, length, { [DELETION_MARK]: { id, delegation } });
  return id;
}

/** A paragraph's characters without formatting. */
export function plain(text: Y.XmlText): string {
  return readProposalRuns(text)
    .map((run) => run.text)
    .join('');
}

/** The proposal ids still marked in a paragraph. */
export function markedIds(text: Y.XmlText): string[] {
  return readProposalRuns(text).flatMap((run) => [run.insertion?.id, run.deletion?.id].filter((id): id is string => id !== undefined));
}

/** Polls an async check until it holds; fails with `what` after `timeoutMs`. */
export async function eventuallyAsync(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** GET /api/drafts/:id/amendments as `api`, expecting 200. */
export async function listAmendments(api: ApiClient, draftId: string): Promise<AmendmentView[]> {
  const res = await api.get(`/api/drafts/${draftId}/amendments`);
  if (res.status !== 200) throw new Error(`listing amendments failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as AmendmentView[];
}

/** Waits until the server lists these proposal ids (the clients' updates arrived). */
export async function waitForProposals(api: ApiClient, draftId: string, ids: readonly string[]): Promise<void> {
  await eventuallyAsync(
    async () => {
      const listed = new Set((await listAmendments(api, draftId)).map((a) => a.id));
      return ids.every((id) => listed.has(id));
    },
    `the proposals ${ids.join(', ')} to reach the server`,
  );
}

/** The amendment entries of the draft's audit log, oldest first. */
export async function amendmentAudit(secretariat: ApiClient, draftId: string): Promise<AuditEntryView[]> {
  const res = await secretariat.get(`/api/drafts/${draftId}/audit`);
  if (res.status !== 200) throw new Error(`reading the audit log failed: ${res.status}`);
  return (res.body as AuditEntryView[]).filter((e) => e.action.startsWith('amendment.')).reverse();
}

/** A proposal's decision by `api`: POST .../amendments/:id/accept or /reject. */
export function decide(api: ApiClient, draftId: string, id: string, decision: 'accept' | 'reject') {
  return api.post(`/api/drafts/${draftId}/amendments/${id}/${decision}`);
}

export type { CollabClient };
