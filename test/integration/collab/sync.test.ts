import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addClause } from '../../../shared/doc/addClause.js';
import { readParagraphs } from '../../../shared/doc/clauseBody.js';
import { deleteClause } from '../../../shared/doc/deleteClause.js';
import { moveClause } from '../../../shared/doc/moveClause.js';
import { numberClauses } from '../../../shared/doc/numberClauses.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { readTitle } from '../../../shared/doc/schema.js';
import { eventually, openCollabClient, signInCookie, starterDraftId } from '../../helpers/collabClient.js';
import { ApiClient } from '../../helpers/http.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';

async function memberName(server: TestServer, cookie: string): Promise<string> {
  const api = new ApiClient(server.url);
  api.cookie = cookie;
  const me = await api.get('/api/me');
  return (me.body as { name: string }).name;
}

const outline = (doc: Y.Doc) => numberClauses(readOrderedClauses(doc)).map((c) => `${c.number ?? '-'} ${c.heading.toString()}`);

describe('two delegates editing one draft', () => {
  let server: TestServer;
  let draftId: string;
  let us: string;
  let au: string;

  beforeAll(async () => {
    server = await startTestServer();
    draftId = await starterDraftId(server);
    [us, au] = await Promise.all([signInCookie(server, 'us@example.org'), signInCookie(server, 'au@example.org')]);
  });

  it('receive the seeded starter text from the server', async () => {
    const client = await openCollabClient(server, { draftId, cookie: us });
    expect(readTitle(client.doc)).toBe('Code of Conduct on Export Controls and Human Rights');
    const numbers = outline(client.doc).map((line) => line.split(' ')[0]);
    expect(numbers).toEqual(['-', 'PP1', 'PP2', 'PP3', '-', 'OP1', 'OP2', 'OP3', 'OP4', 'OP5', 'OP6']);
  });

  it('converge on clause adds, moves, deletes and text edits made at the same time', async () => {
    const a = await openCollabClient(server, { draftId, cookie: us });
    const b = await openCollabClient(server, { draftId, cookie: au });
    const [first, second] = readOrderedClauses(a.doc).filter((c) => c.kind === 'operative');
    addClause(a.doc, { kind: 'operative', heading: 'Transparency', paragraphs: ['States will publish annual reports.'], after: first!.id });
    readOrderedClauses(b.doc)
      .find((c) => c.id === second!.id)!
      .heading.insert(0, 'Broad ');
    moveClause(b.doc, first!.id, { at: 0 });
    deleteClause(a.doc, second!.id);
    await eventually(
      () =>
        Y.encodeStateVector(a.doc).toString() === Y.encodeStateVector(b.doc).toString() && outline(a.doc).join() === outline(b.doc).join(),
      'the two documents to converge',
    );
    expect(outline(a.doc)[0]).toBe('OP1 Human rights in licence reviews');
    expect(outline(a.doc)).toContain('OP2 Transparency');
    expect(outline(a.doc).some((line) => line.includes('Consultation'))).toBe(false);
    const transparency = readOrderedClauses(b.doc).find((c) => c.heading.toString() === 'Transparency')!;
    expect(readParagraphs(transparency.body)).toEqual(['States will publish annual reports.']);
  });
});

describe('presence', () => {
  let server: TestServer;
  let draftId: string;
  let us: string;
  let dk: string;

  beforeAll(async () => {
    server = await startTestServer();
    draftId = await starterDraftId(server);
    [us, dk] = await Promise.all([signInCookie(server, 'us@example.org'), signInCookie(server, 'dk@example.org')]);
  });

  it('shows the name, delegation and role from the server, whatever the client claims', async () => {
    const a = await openCollabClient(server, { draftId, cookie: us });
    const b = await openCollabClient(server, { draftId, cookie: dk });
    a.provider.awareness.setLocalStateField('user', { name: 'Mallory', delegation: 'Nowhere', role: 'secretariat', color: 'red' });
    await eventually(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user !== undefined, 'a’s presence to reach b');
    const user = b.provider.awareness.getStates().get(a.doc.clientID)!.user;
    expect(user).toMatchObject({ name: await memberName(server, us), delegation: 'United States', role: 'delegate' });
    expect(user.color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(user.color).not.toBe('red');

    a.provider.awareness.setLocalStateField('user', { name: 'x', color: '#12AB34' });
    await eventually(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.color === '#12AB34', 'a valid colour to be kept');
    expect(b.provider.awareness.getStates().get(a.doc.clientID)!.user.name).toBe(await memberName(server, us));
  });

  it('gives the members present in a draft different caret colours', async () => {
    const emails = ['us@example.org', 'au@example.org', 'dk@example.org', 'no@example.org', 'secretariat@example.org'];
    const clients = await Promise.all(
      emails.map(async (email) => openCollabClient(server, { draftId, cookie: await signInCookie(server, email) })),
    );
    for (const c of clients) c.provider.awareness.setLocalStateField('user', {});
    // A reader who sees everyone's presence as the server bound it (a client's own entry is its local copy).
    const watcher = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'reviewer@example.org') });
    const colours = () => clients.map((c) => watcher.provider.awareness.getStates().get(c.doc.clientID)?.user?.color as string | undefined);
    await eventually(() => colours().every((c) => c !== undefined), 'everyone’s presence to arrive');
    expect(new Set(colours()).size).toBe(emails.length);
  });

  it('ignores awareness a client sends for another member’s client id', async () => {
    const a = await openCollabClient(server, { draftId, cookie: us });
    const b = await openCollabClient(server, { draftId, cookie: dk });
    b.provider.awareness.setLocalStateField('cursor', { at: 1 });
    await eventually(() => a.provider.awareness.getStates().get(b.doc.clientID)?.cursor?.at === 1, 'b’s caret to reach a');
    // a forges an update for b's client id, with a higher clock, through its own socket.
    const forged = new (await import('y-protocols/awareness')).Awareness(new Y.Doc());
    forged.clientID = b.doc.clientID;
    forged.meta.set(b.doc.clientID, { clock: 1000, lastUpdated: Date.now() });
    forged.states.set(b.doc.clientID, { cursor: { at: 99 }, user: { name: 'forged' } });
    const { encodeAwarenessUpdate } = await import('y-protocols/awareness');
    const encoding = await import('lib0/encoding');
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(forged, [b.doc.clientID]));
    a.provider.ws!.send(encoding.toUint8Array(encoder));
    // A later change of a's own state proves the forged frame was processed before it.
    a.provider.awareness.setLocalStateField('cursor', { at: 5 });
    await eventually(() => b.provider.awareness.getStates().get(a.doc.clientID)?.cursor?.at === 5, 'a’s own caret to reach b');
    expect(a.provider.awareness.getStates().get(b.doc.clientID)?.cursor?.at).toBe(1);
    expect(b.provider.awareness.getStates().get(b.doc.clientID)?.cursor?.at).toBe(1);
    forged.destroy();
  });

  it('removes a member’s presence for the others when their socket closes', async () => {
    const a = await openCollabClient(server, { draftId, cookie: us });
    const b = await openCollabClient(server, { draftId, cookie: dk });
    a.provider.awareness.setLocalStateField('cursor', { at: 2 });
    await eventually(() => b.provider.awareness.getStates().has(a.doc.clientID), 'a’s presence to reach b');
    a.provider.ws!.close();
    a.provider.shouldConnect = false;
    await eventually(() => !b.provider.awareness.getStates().has(a.doc.clientID), 'a’s presence to leave b');
  });
});
