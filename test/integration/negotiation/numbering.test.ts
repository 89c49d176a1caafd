import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NegotiationState } from '../../../shared/api/negotiation.js';
import { CompareResult, VersionDetail } from '../../../shared/api/versions.js';
import { addClause } from '../../../shared/doc/addClause.js';
import { deleteClause } from '../../../shared/doc/deleteClause.js';
import { numberClauses } from '../../../shared/doc/numberClauses.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { METADATA_FILE } from '../../../server/storage/metadata/LowdbMetadata.js';
import { eventually, openCollabClient, signInCookie, starterDraftId, type CollabClient } from '../../helpers/collabClient.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { clauseIds, eventStreams, signInMembers } from './negotiationHelpers.js';

describe('numbering against the latest revision, and what a version keeps of the negotiation', () => {
  let server: TestServer;
  let draftId: string;
  let op: string[];
  let as: Awaited<ReturnType<typeof signInMembers>>;
  let editor: CollabClient;
  let reader: CollabClient;
  let bis: string;
  let ter: string;
  const stream = eventStreams();
  const state = async () => NegotiationState.parse((await as.reviewer.get(`/api/drafts/${draftId}/negotiation`)).body);
  const saveVersion = async (label: string) => (await as.us.post(`/api/drafts/${draftId}/versions`, { label })).body.id as string;
  const versionText = async (versionId: string) =>
    VersionDetail.parse((await as.reviewer.get(`/api/drafts/${draftId}/versions/${versionId}`)).body).text;
  const numberOf = (text: { clauses: Array<{ id: string; number: string | null }> }, id: string) =>
    text.clauses.find((c) => c.id === id)?.number;
  /** The live numbers as a page shows them: the document numbered against the state's numbering. */
  const liveNumbers = async () => {
    const { numbering } = await state();
    return Object.fromEntries(numberClauses(readOrderedClauses(reader.doc), numbering).map((c) => [c.id, c.number]));
  };

  beforeAll(async () => {
    server = await startTestServer();
    draftId = await starterDraftId(server);
    as = await signInMembers(server);
    op = await clauseIds(server, draftId, 'operative');
    editor = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'us@example.org') });
    reader = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'dk@example.org') });
  });

  it('publishing Rev.1 records its clean numbers and tells open pages', async () => {
    expect(await state()).toMatchObject({ numbering: null, numberingRevision: null });
    const page = await stream(server, `/api/drafts/${draftId}/events`, as.dk);
    const version = await saveVersion('Negotiating text');
    expect((await as.secretariat.post(`/api/drafts/${draftId}/versions/${version}/publish`)).body.revision).toBe(1);
    const event = await page.waitFor((e) => e.event === 'numbering.changed');
    expect(event.data.revision).toBe(1);
    expect(op.map((id) => event.data.numbering[id])).toEqual(op.map((_, i) => `OP${i + 1}`));
    expect(await state()).toMatchObject({ numbering: event.data.numbering, numberingRevision: 1 });
  });

  it('numbers clauses added after OP3 as OP3bis and OP3ter, live and in a later version’s text', async () => {
    bis = addClause(editor.doc, { kind: 'operative', heading: 'Inserted', paragraphs: ['Inserted after OP3.'], after: op[2]! });
    ter = addClause(editor.doc, { kind: 'operative', heading: 'Inserted again', paragraphs: ['Inserted after OP3bis.'], after: bis });
    await eventually(() => readOrderedClauses(reader.doc).some((c) => c.id === ter), 'the new clauses reaching another editor');
    await expect.poll(async () => (await clauseIds(server, draftId)).includes(ter)).toBe(true);

    const live = await liveNumbers();
    expect([live[op[2]!], live[bis], live[ter], live[op[3]!]]).toEqual(['OP3', 'OP3bis', 'OP3ter', 'OP4']);

    const later = await saveVersion('After the first reading');
    const text = await versionText(later);
    expect([numberOf(text, bis), numberOf(text, ter), numberOf(text, op[3]!)]).toEqual(['OP3bis', 'OP3ter', 'OP4']);

    const rev1 = (await as.reviewer.get(`/api/drafts/${draftId}/versions`)).body.find(
      (v: { revision: number | null }) => v.revision === 1,
    ).id;
    const compared = CompareResult.parse((await as.reviewer.get(`/api/drafts/${draftId}/compare?from=${rev1}&to=live`)).body);
    expect(compared.comparison.clauses.find((c) => c.id === bis)).toMatchObject({ change: 'added', to: { number: 'OP3bis' } });
  });

  it('publishing Rev.2 numbers it cleanly, and the live draft counts from Rev.2 on', async () => {
    const page = await stream(server, `/api/drafts/${draftId}/events`, as.reviewer);
    const versions = (await as.reviewer.get(`/api/drafts/${draftId}/versions`)).body as Array<{ id: string; label: string }>;
    const later = versions.find((v) => v.label === 'After the first reading')!.id;
    expect((await as.secretariat.post(`/api/drafts/${draftId}/versions/${later}/publish`)).body.revision).toBe(2);
    const text = await versionText(later);
    expect([numberOf(text, op[2]!), numberOf(text, bis), numberOf(text, ter), numberOf(text, op[3]!)]).toEqual([
      'OP3',
      'OP4',
      'OP5',
      'OP6',
    ]);
    await page.waitFor((e) => e.event === 'numbering.changed' && e.data.revision === 2);
    expect(await state()).toMatchObject({ numberingRevision: 2 });

    // The number of a clause deleted since Rev.2 is not reused before the next publication.
    editor.doc.transact(() => deleteClause(editor.doc, op[0]!));
    await expect.poll(async () => (await clauseIds(server, draftId)).includes(op[0]!)).toBe(false);
    await eventually(() => !readOrderedClauses(reader.doc).some((c) => c.id === op[0]), 'the deletion reaching another editor');
    const live = await liveNumbers();
    expect([live[op[1]!], live[bis], live[op[3]!]]).toEqual(['OP2', 'OP4', 'OP6']);
  });

  it('keeps in a version’s text the statuses and positions as they were when it was saved', async () => {
    const clause = op[1]!;
    await as.secretariat.request('PUT', `/api/drafts/${draftId}/clauses/${clause}/status`, {
      status: 'agreed-ad-ref',
      note: 'Pending capitals',
    });
    await as.us.request('PUT', `/api/drafts/${draftId}/clauses/${clause}/positions/${as.usDelegation}`, {
      position: 'reservation',
      text: 'On scope',
    });
    const version = await saveVersion('With positions');
    await as.secretariat.request('PUT', `/api/drafts/${draftId}/clauses/${clause}/status`, { status: 'reopened' });
    await as.us.delete(`/api/drafts/${draftId}/clauses/${clause}/positions/${as.usDelegation}`);

    const kept = (await versionText(version)).clauses.find((c) => c.id === clause)!;
    expect(kept.status).toMatchObject({ status: 'agreed-ad-ref', note: 'Pending capitals', by: 'Helena Brandt' });
    expect(kept.positions).toEqual([
      { delegationId: as.usDelegation, delegation: 'United States', position: 'reservation', text: 'On scope' },
    ]);
    const live = CompareResult.parse((await as.reviewer.get(`/api/drafts/${draftId}/compare?from=${version}&to=live`)).body);
    expect(live.comparison.clauses.find((c) => c.id === clause)).toBeDefined();
  });
});

describe('metadata written before the negotiation layer', () => {
  it('still loads: versions without a negotiation snapshot read as none, and the records start empty', async () => {
    const first = await startTestServer();
    const draftId = await starterDraftId(first);
    const as = await signInMembers(first);
    const version = (await as.us.post(`/api/drafts/${draftId}/versions`, { label: 'Old' })).body.id as string;
    await as.secretariat.post(`/api/drafts/${draftId}/versions/${version}/publish`);
    const fingerprint = (await as.us.get(`/api/drafts/${draftId}/versions/${version}`)).body.version.fingerprint;
    await first.close();

    const file = path.join(first.dataDir, METADATA_FILE);
    const data = JSON.parse(await readFile(file, 'utf8'));
    delete data.clauseStatuses;
    delete data.positions;
    for (const v of data.versions) {
      delete v.negotiation;
      delete v.numbering;
    }
    for (const d of data.drafts) delete d.counts;
    await writeFile(file, JSON.stringify(data));

    const second = await startTestServer({ dataDir: first.dataDir });
    const again = await signInMembers(second);
    const detail = await again.reviewer.get(`/api/drafts/${draftId}/versions/${version}`);
    expect(detail.status).toBe(200);
    expect(detail.body.version.fingerprint).toBe(fingerprint);
    expect(VersionDetail.parse(detail.body).text.clauses.filter((c) => c.kind === 'operative')[0]!.number).toBe('OP1');
    const exported = await again.reviewer.get(`/api/drafts/${draftId}/versions/${version}/export?format=json`);
    expect([exported.status, exported.body.revision]).toEqual([200, 'Rev.1']);
    expect(NegotiationState.parse((await again.reviewer.get(`/api/drafts/${draftId}/negotiation`)).body)).toMatchObject({
      statuses: [],
      positions: [],
      numbering: null,
      numberingRevision: null,
    });
    const clause = (await clauseIds(second, draftId, 'operative'))[0]!;
    expect((await again.secretariat.request('PUT', `/api/drafts/${draftId}/clauses/${clause}/status`, { status: 'agreed' })).status).toBe(
      200,
    );
    expect((await again.reviewer.get('/api/drafts')).body[0].counts).toEqual({ brackets: 0, options: 0, proposals: 0 });
  });
});
