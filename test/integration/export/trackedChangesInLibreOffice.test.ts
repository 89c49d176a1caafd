import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readProposals } from '../../../shared/amendments/proposals.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { DELETION_MARK, INSERTION_MARK } from '../../../shared/doc/schema.js';
import { eventually, openCollabClient, registerTeardown, signInCookie, starterDraftId } from '../../helpers/collabClient.js';
import { startTestServer } from '../../helpers/testServer.js';
import { signInMembers } from '../negotiation/negotiationHelpers.js';
import { download } from './exportHelpers.js';
import { renderDocx } from '../../../server/export/renderDocx.js';
import { buildClauseProposalDoc, proposalDraft } from '../../unit/export/proposalFixture.js';

const run = promisify(execFile);

/**
 * The DOCX export as Word processors read it: a delegation's proposals made through the live draft are
 * converted by LibreOffice (Debian's libreoffice-writer-nogui, installed by the test command) into its flat
 * OpenDocument, whose tracked changes must name the delegation as their author.
 */
describe('the DOCX export opened by LibreOffice', () => {
  it('shows a delegation’s proposed insertion and deletion as tracked changes by that delegation', async () => {
    const server = await startTestServer();
    const draftId = await starterDraftId(server);
    const as = await signInMembers(server);
    expect((await as.secretariat.patch(`/api/drafts/${draftId}`, { editingMode: 'amendments' })).status).toBe(200);
    const us = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'us@example.org') });
    const clause = readOrderedClauses(us.doc).find((c) => {
      const first = c.body.get(0);
      return first instanceof Y.XmlElement && first.get(0) instanceof Y.XmlText && (first.get(0) as Y.XmlText).length > 40;
    })!;
    const text = (clause.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(0, 'Collectively, ', { [INSERTION_MARK]: { id: 'insertUS00000001', delegation: as.usDelegation } });
    text.format(20, 8, { [DELETION_MARK]: { id: 'deleteUS00000001', delegation: as.usDelegation } });
    const struck = readProposals(us.doc).find((p) => p.kind === 'deletion')!.text;
    const dk = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'dk@example.org') });
    await eventually(() => readProposals(dk.doc).length === 2, 'the proposals to reach the server and Denmark');

    const docx = await download(server, as.secretariat.cookie, `/api/drafts/${draftId}/export?format=docx`);
    expect(docx.status).toBe(200);
    const changes = await libreOfficeChanges(docx.bytes);
    expect(changes).toEqual([
      { kind: 'insertion', author: 'United States', text: 'Collectively, ' },
      { kind: 'deletion', author: 'United States', text: struck },
    ]);
  }, 180_000);

  it('shows a proposed new clause and a proposed deletion of a clause as tracked changes by their delegations, paragraphs included', async () => {
    const changes = await libreOfficeChanges(await renderDocx(proposalDraft(buildClauseProposalDoc())));
    const flat = changes.map(({ kind, author, text }) => `${kind}:${author}:${(text ?? '').replace(/\s+/g, ' ').trim()}`);
    // LibreOffice joins consecutive changes of one author and kind into one region, across paragraphs.
    expect(flat.slice(-4)).toEqual([
      'insertion:United States:OP3. Annual conference States will meet every year',
      'insertion:Norway:in Geneva',
      'insertion:United States:. Report progress.',
      'deletion:Norway:OP4. Sanctions Sanctions apply to every breach.',
    ]);
  }, 180_000);
});

/**
 * A .docx converted by LibreOffice into its flat OpenDocument, and each of its tracked changes: its kind and
 * author (in the change list), and the text it marks (between its start and end in the body, where
 * LibreOffice keeps deleted text too, shown struck through).
 */
async function libreOfficeChanges(
  bytes: Uint8Array,
): Promise<Array<{ kind: string; author: string | undefined; text: string | undefined }>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'coc-lo-'));
  registerTeardown(() => rm(dir, { recursive: true, force: true }));
  await writeFile(path.join(dir, 'draft.docx'), bytes);
  // A profile of its own, so parallel runs and the machine's user profile do not meet.
  await run(
    'soffice',
    [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'fodt', '--outdir', dir, path.join(dir, 'draft.docx')],
    { timeout: 120_000 },
  );
  const fodt = await readFile(path.join(dir, 'draft.fodt'), 'utf8');
  return [...fodt.matchAll(/<text:changed-region xml:id="([^"]+)"[\s\S]*?<\/text:changed-region>/g)].map(([region, id]) => {
    const marked = new RegExp(`<text:change-start text:change-id="${id}"/>([\\s\\S]*?)<text:change-end text:change-id="${id}"/>`).exec(
      fodt,
    );
    return {
      kind: /<text:insertion>/.test(region) ? 'insertion' : /<text:deletion>/.test(region) ? 'deletion' : 'other',
      author: /<dc:creator>([^<]*)<\/dc:creator>/.exec(region)?.[1],
      text: marked?.[1]?.replace(/<[^>]+>/g, ''),
    };
  });
}
