import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { numberClauses } from '../../../shared/doc/numberClauses.js';
import { addOption } from '../../../shared/doc/options.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { eventually, openCollabClient, signInCookie, starterDraftId, type CollabClient } from '../../helpers/collabClient.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { storedState } from '../versions/versionHelpers.js';
import { clauseIds, signInMembers } from './negotiationHelpers.js';

describe('settling a clause on one of its options', () => {
  let server: TestServer;
  let draftId: string;
  let op: string[];
  let as: Awaited<ReturnType<typeof signInMembers>>;
  let drafter: CollabClient;
  let reader: CollabClient;
  const settlePath = (clauseId: string) => `/api/drafts/${draftId}/clauses/${clauseId}/settle`;
  const serverState = () => server.rooms.read(draftId, (doc) => Buffer.from(Y.encodeStateVector(doc)).toString('base64'));
  /** Adds an option to a clause through the delegate's editor and waits until the server has it. */
  const addOptionLive = async (of: string, noText = false) => {
    const id = addOption(drafter.doc, of, { noText })!;
    await eventually(() => readOrderedClauses(reader.doc).some((c) => c.id === id), 'the option reaching the other editor');
    return id;
  };

  beforeAll(async () => {
    server = await startTestServer();
    draftId = await starterDraftId(server);
    as = await signInMembers(server);
    op = await clauseIds(server, draftId, 'operative');
    drafter = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'us@example.org') });
    reader = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'dk@example.org') });
  });

  it('leaves only the chosen option in the text, numbered as the clause was, for every editor', async () => {
    const option2 = await addOptionLive(op[2]!);
    await addOptionLive(op[2]!, true);
    const res = await as.secretariat.post(settlePath(op[2]!), { optionId: option2 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ settled: option2 });

    await eventually(
      () => !readOrderedClauses(reader.doc).some((c) => c.id === op[2]),
      'the settled group leaving the other editor’s text',
    );
    const operative = numberClauses(readOrderedClauses(reader.doc)).filter((c) => c.kind === 'operative');
    expect(operative.map((c) => c.id)).toEqual([op[0], op[1], option2, ...op.slice(3)]);
    const kept = operative[2]!;
    expect(kept).toMatchObject({ number: 'OP3', option: null, alternativeTo: null, succeeds: op[2] });

    const audit = (await as.secretariat.get(`/api/drafts/${draftId}/audit`)).body as Array<{
      action: string;
      clauseId: string;
      detail: string;
    }>;
    expect(audit[0]).toMatchObject({ action: 'clause.settle', clauseId: op[2], detail: 'Settled on Option 2 of 3' });
  });

  it('puts every option added in the audit log, with who added it and its place in the group', async () => {
    const option2 = await addOptionLive(op[5]!);
    const noText = await addOptionLive(op[5]!, true);
    await expect
      .poll(
        async () =>
          ((await as.secretariat.get(`/api/drafts/${draftId}/audit`)).body as Array<{ action: string }>).filter(
            (e) => e.action === 'option.added',
          ).length,
      )
      .toBeGreaterThanOrEqual(2);
    const audit = ((await as.secretariat.get(`/api/drafts/${draftId}/audit`)).body as Array<{ action: string; clauseId: string }>).filter(
      (e) => e.clauseId === option2 || e.clauseId === noText,
    );
    expect(audit).toEqual([
      {
        id: expect.any(Number),
        at: expect.any(String),
        action: 'option.added',
        clauseId: noText,
        actor: { id: expect.any(String), name: 'James Carter' },
        delegation: 'United States',
        detail: 'Added “No text” as Option 3 of 3',
      },
      {
        id: expect.any(Number),
        at: expect.any(String),
        action: 'option.added',
        clauseId: option2,
        actor: { id: expect.any(String), name: 'James Carter' },
        delegation: 'United States',
        detail: 'Added Option 2 of 2',
      },
    ]);
    expect((await as.secretariat.post(settlePath(op[5]!), { optionId: op[5] })).status).toBe(200);
  });

  it('removes the whole clause when settled on “no text”', async () => {
    const noText = await addOptionLive(op[4]!, true);
    expect((await as.secretariat.post(settlePath(op[4]!), { optionId: noText })).status).toBe(200);
    await eventually(() => !readOrderedClauses(reader.doc).some((c) => c.id === op[4] || c.id === noText), 'the clause leaving the text');
  });

  it('refuses a clause that is not an option of the group, a clause without options, an unknown clause and other roles, changing nothing', async () => {
    const option2 = await addOptionLive(op[0]!);
    // Let the drafts list count the new option first, on disk too: that write is not part of what is refused.
    await expect
      .poll(async () => (await as.reviewer.get(`/api/drafts/${draftId}`)).body.counts)
      .toEqual({ brackets: 0, options: 2, proposals: 0 });
    await expect
      .poll(async () => (await storedState(server)).metadata.includes('"counts":{"brackets":0,"options":2,"proposals":0}'))
      .toBe(true);
    const before = { stored: await storedState(server), doc: await serverState() };
    const cases: Array<[typeof as.secretariat, string, unknown, number, string]> = [
      [as.secretariat, settlePath(op[0]!), { optionId: op[1] }, 409, 'NOT_AN_OPTION'],
      [as.secretariat, settlePath(op[1]!), { optionId: op[1] }, 409, 'NOT_AN_OPTION'],
      [as.secretariat, settlePath('AAAAAAAAAAAAAAAA'), { optionId: option2 }, 404, 'CLAUSE_NOT_FOUND'],
      [as.secretariat, settlePath(op[0]!), { optionId: 'option 2' }, 400, 'VALIDATION_FAILED'],
      [as.us, settlePath(op[0]!), { optionId: option2 }, 403, 'FORBIDDEN'],
      [as.reviewer, settlePath(op[0]!), { optionId: option2 }, 403, 'FORBIDDEN'],
    ];
    for (const [member, path, body, status, code] of cases) {
      const res = await member.post(path, body);
      expect([res.status, res.body.error?.code], `${path} ${JSON.stringify(body)}`).toEqual([status, code]);
    }
    expect({ stored: await storedState(server), doc: await serverState() }).toEqual(before);
    expect(readOrderedClauses(reader.doc).some((c) => c.id === op[0])).toBe(true);
  });
});
