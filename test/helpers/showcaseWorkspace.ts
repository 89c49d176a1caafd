import * as Y from 'yjs';
import { trackSaved } from '../../shared/collab/trackSaved.js';
import { addClause } from '../../shared/doc/addClause.js';
import { addOption } from '../../shared/doc/options.js';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { BRACKET_MARK } from '../../shared/doc/schema.js';
import { eventually, openCollabClient, starterDraftId } from './collabClient.js';
import { ApiClient } from './http.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from './testServer.js';

/** Longest texts the app accepts where the layout is most likely to break (the bad input the layout must survive). */
export const LONG = {
  title:
    `Code of Conduct on Export Controls and Human Rights: ${'a voluntary and non-binding framework for licensing authorities, '.repeat(5)}`
      .slice(0, 300)
      .trimEnd(),
  heading: `Sharing information on threats and risks ${'to human rights arising from the export of surveillance technology '.repeat(3)}`
    .slice(0, 200)
    .trimEnd(),
  comment:
    `We read this commitment as applying to every licence decision. ${'The delegation would welcome a reference to the consultation of civil society at each stage. '.repeat(50)}`.slice(
      0,
      4000,
    ),
  memberName: `Oleksandra Kovalenko-Shevchenko, Deputy Director for Export Control Policy and Human Rights Due Diligence`.slice(0, 100),
  cyrillicDelegation: 'Україна',
  greekDelegation: 'Ελληνική Δημοκρατία',
};

/** What the battery visits: ids and a signed-in secretariat. */
export interface ShowcaseWorkspace {
  server: TestServer;
  draftId: string;
  /** A published revision (Rev.1). */
  revisionId: string;
  /** A later named version, for comparisons. */
  versionId: string;
  /** An invitation link's token nobody has used. */
  invitationToken: string;
  secretariat: ApiClient;
}

/**
 * A workspace holding what the pages must lay out well, at the limits: a 300-character draft title, a
 * 200-character clause heading, a 4,000-character comment with a reply, a member with a 100-character name
 * of a delegation named in Cyrillic and one in Greek, brackets and options, statuses and positions on
 * twelve operative clauses, a published revision and a later version, audit entries, and an unused
 * invitation. Everything goes through the real API and sync server.
 */
export async function startShowcaseWorkspace(): Promise<ShowcaseWorkspace> {
  const server = await startTestServer();
  const as = (email: string) => new ApiClient(server.url).signIn(email, TEST_PASSWORD);
  const secretariat = await as('secretariat@example.org');
  const us = await as('us@example.org');
  const draftId = await starterDraftId(server);
  const ukraine = (await secretariat.post('/api/delegations', { name: LONG.cyrillicDelegation })).body.id as string;
  await secretariat.post('/api/delegations', { name: LONG.greekDelegation });
  const invited = await secretariat.post('/api/members', {
    email: 'ok@example.org',
    name: LONG.memberName,
    role: 'delegate',
    delegationId: ukraine,
  });
  const token = new URL(invited.body.invitationUrl as string).pathname.split('/').pop()!;
  const longNamed = new ApiClient(server.url);
  await longNamed.post(`/api/invitations/${token}/accept`, { password: 'lantern orchard velvet' });
  const pending = await secretariat.post('/api/members', { email: 'pending@example.org', name: 'Pending Invitee', role: 'reviewer' });
  const invitationToken = new URL(pending.body.invitationUrl as string).pathname.split('/').pop()!;
  await secretariat.patch(`/api/drafts/${draftId}`, { title: LONG.title });

  const editor = await openCollabClient(server, { draftId, cookie: us.cookie! });
  let saved = false;
  const tracker = trackSaved(editor.provider, (value) => (saved = value));
  const usDelegation = ((await us.get('/api/me')).body as { delegation: { id: string } }).delegation.id;
  editor.doc.transact(() => {
    for (let i = 0; i < 6; i += 1) {
      addClause(editor.doc, {
        kind: 'operative',
        heading: i === 0 ? LONG.heading : `Further commitment ${i + 1}`,
        paragraphs: [`Subscribing States will consider measure ${i + 1} in their licensing practice.`],
      });
    }
  });
  const operative = readOrderedClauses(editor.doc).filter((c) => c.kind === 'operative');
  const first = (operative[0]!.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  first.format(0, Math.min(20, first.length), { [BRACKET_MARK]: { delegation: usDelegation } });
  addOption(editor.doc, operative[1]!.id);
  await eventually(() => saved, 'the showcase text to be saved', 10_000);
  tracker.destroy();
  editor.destroy();

  const ids = operative.map((c) => c.id);
  // OP1 holds a bracket: agreeing it is confirmed.
  await secretariat.request('PUT', `/api/drafts/${draftId}/clauses/${ids[0]}/status`, {
    status: 'agreed-ad-ref',
    note: 'Pending confirmation from capitals.',
    confirm: true,
  });
  await secretariat.request('PUT', `/api/drafts/${draftId}/clauses/${ids[2]}/status`, { status: 'agreed', note: '' });
  for (const [index, position] of (['supports', 'can-live-with', 'reservation', 'opposes'] as const).entries()) {
    for (const clause of ids.filter((_, i) => i % 4 === index)) {
      await us.request(
        'PUT',
        `/api/drafts/${draftId}/clauses/${clause}/positions/${usDelegation}`,
        position === 'reservation' ? { position, text: 'Subject to our domestic review.' } : { position },
      );
    }
  }
  const thread = await secretariat.post(`/api/drafts/${draftId}/comments`, { clauseId: ids[0], body: LONG.comment });
  await us.post(`/api/drafts/${draftId}/comments`, { clauseId: ids[0], body: 'Agreed in principle.', parentId: thread.body.id });
  const revisionId = (await secretariat.post(`/api/drafts/${draftId}/versions`, { label: 'First reading' })).body.id as string;
  await secretariat.post(`/api/drafts/${draftId}/versions/${revisionId}/publish`);
  const later = await openCollabClient(server, { draftId, cookie: us.cookie! });
  const text = (
    readOrderedClauses(later.doc)
      .find((c) => c.id === ids[3])!
      .body.get(0) as Y.XmlElement
  ).get(0) as Y.XmlText;
  text.insert(0, 'Where national law permits, ');
  later.destroy();
  await new Promise((resolve) => setTimeout(resolve, 700));
  const versionId = (await us.post(`/api/drafts/${draftId}/versions`, { label: 'After the second reading' })).body.id as string;
  return { server, draftId, revisionId, versionId, invitationToken, secretariat };
}
