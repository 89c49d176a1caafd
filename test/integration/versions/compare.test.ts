import { beforeAll, describe, expect, it } from 'vitest';
import { CompareResult } from '../../../shared/api/versions.js';
import type { ClauseComparison, RedlineSegment } from '../../../shared/compare/DraftComparison.js';
import { addClause } from '../../../shared/doc/addClause.js';
import { deleteClause } from '../../../shared/doc/deleteClause.js';
import { moveClause } from '../../../shared/doc/moveClause.js';
import { openCollabClient, signInCookie, starterDraftId, type CollabClient } from '../../helpers/collabClient.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { operativeIds, serverParagraphs, signInAll, typeInto } from './versionHelpers.js';

const redline = (segments: readonly RedlineSegment[]) =>
  segments.map((s) => (s.change === 'equal' ? s.text : s.change === 'deleted' ? `[-${s.text}-]` : `{+${s.text}+}`)).join('');

describe('comparing versions and the live draft', () => {
  let server: TestServer;
  let draftId: string;
  let editor: CollabClient;
  let op: string[];
  let as: Awaited<ReturnType<typeof signInAll>>;
  let rev1: string;

  beforeAll(async () => {
    server = await startTestServer();
    draftId = await starterDraftId(server);
    as = await signInAll(server);
    editor = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'us@example.org') });
    op = operativeIds(editor.doc);
    rev1 = (await as.delegate.post(`/api/drafts/${draftId}/versions`, { label: 'Negotiating text' })).body.id;
    expect((await as.secretariat.post(`/api/drafts/${draftId}/versions/${rev1}/publish`)).body.revision).toBe(1);
  });

  const compare = async (from: string, to: string) => {
    const res = await as.reviewer.get(`/api/drafts/${draftId}/compare?from=${from}&to=${to}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return CompareResult.parse(res.body);
  };
  const clause = (result: CompareResult, id: string): ClauseComparison => result.comparison.clauses.find((c) => c.id === id)!;

  it('shows what a connected delegate changed since Rev.1 as a word-level redline against the live draft', async () => {
    // "Subscribing States will take into account ..." becomes "Subscribing States will carefully take into account ..."
    typeInto(editor.doc, op[0]!, 'Subscribing States will '.length, 'carefully ');
    await expect.poll(async () => (await serverParagraphs(server, draftId, op[0]!))[0]).toContain('will carefully take');

    const result = await compare(rev1, 'live');
    expect(result.from).toMatchObject({ kind: 'version', version: { id: rev1, revision: 1 } });
    expect(result.to).toMatchObject({ kind: 'live', at: expect.any(String) });
    const changed = clause(result, op[0]!);
    expect(changed).toMatchObject({ change: 'changed', moved: false, from: { number: 'OP1' }, to: { number: 'OP1' } });
    expect(changed.paragraphs).toHaveLength(1);
    expect(redline(changed.paragraphs[0]!.segments)).toMatch(/^Subscribing States will \{\+carefully \+\}take into account/);
    expect(result.comparison.summary).toMatchObject({ changed: 1, added: 0, removed: 0, moved: 0 });
  });

  it('shows added, removed and moved clauses with their numbers on each side, between two saved versions', async () => {
    const added = editor.doc.transact(() => {
      deleteClause(editor.doc, op[1]!);
      moveClause(editor.doc, op[5]!, { before: op[2]! });
      return addClause(editor.doc, {
        kind: 'operative',
        heading: 'Transparency',
        paragraphs: ['Subscribing States will publish annual reports.'],
        after: op[3]!,
      });
    });
    await expect
      .poll(async () => (await serverParagraphs(server, draftId, added))[0])
      .toBe('Subscribing States will publish annual reports.');
    const later = (await as.delegate.post(`/api/drafts/${draftId}/versions`, { label: 'After the second reading' })).body.id;

    const result = await compare(rev1, later);
    expect(result.to).toMatchObject({ kind: 'version', version: { id: later, revision: null } });
    expect(clause(result, op[1]!)).toMatchObject({ change: 'removed', from: { number: 'OP2' }, to: null });
    // Since Rev.1 numbers are stable: a moved clause keeps its number, one added after OP4 is OP4bis.
    expect(clause(result, op[5]!)).toMatchObject({ change: 'unchanged', moved: true, from: { number: 'OP6' }, to: { number: 'OP6' } });
    expect(clause(result, added)).toMatchObject({ change: 'added', from: null, to: { number: 'OP4bis' } });
    expect(redline(clause(result, added).heading)).toBe('{+Transparency+}');
    expect(clause(result, op[2]!)).toMatchObject({ change: 'unchanged', moved: false, from: { number: 'OP3' }, to: { number: 'OP3' } });

    // The same comparison the other way round mirrors it.
    const reverse = await compare(later, rev1);
    expect(clause(reverse, op[1]!)).toMatchObject({ change: 'added' });
    expect(clause(reverse, added)).toMatchObject({ change: 'removed' });
  });

  it('finds nothing changed between a version and itself', async () => {
    const result = await compare(rev1, rev1);
    expect(result.comparison.summary).toMatchObject({ added: 0, removed: 0, changed: 0, moved: 0 });
    expect(result.comparison.summary.unchanged).toBe(result.comparison.clauses.length);
  });
});
