import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODE } from '../../../shared/collab/closeCodes.js';
import { trackSaved, type SavedTracker } from '../../../shared/collab/trackSaved.js';
import { addClause } from '../../../shared/doc/addClause.js';
import { readClause } from '../../../shared/doc/readClause.js';
import {
  eventually,
  openCollabClient,
  openRawSocket,
  signInCookie,
  starterDraftId,
  type CollabClient,
} from '../../helpers/collabClient.js';
import { readDraftFromDisk } from '../../helpers/draftDisk.js';
import {
  applySyncUpdates,
  editUnder,
  forgeUpdate,
  greetingStateVector,
  syncStep1Message,
  syncStep2Message,
  updateMessage,
} from '../../helpers/forgedUpdates.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';

/** The plain text of a clause's first paragraph. */
function clauseText(doc: Y.Doc, clauseId: string): string {
  const paragraph = readClause(doc, clauseId)?.body.get(0);
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
  return text instanceof Y.XmlText ? text.toString() : '';
}

/** Types at the end of a clause's first paragraph. */
function type(doc: Y.Doc, clauseId: string, words: string): void {
  const text = (readClause(doc, clauseId)!.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  text.insert(text.length, words);
}

interface Draft {
  server: TestServer;
  draftId: string;
  victim: CollabClient;
  victimSaved: SavedTracker;
  observer: CollabClient;
  clauseId: string;
  attackerCookie: string;
}

/** A draft where a US delegate (the victim, tracking "saved") typed "one two" into a new clause, and an Australian delegate watches. */
async function openDraft(server?: TestServer): Promise<Draft> {
  server ??= await startTestServer({ keepData: true });
  const draftId = await starterDraftId(server);
  const victim = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'us@example.org') });
  let saved = false;
  const victimSaved = trackSaved(victim.provider, (value) => (saved = value));
  const observer = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'au@example.org') });
  const clauseId = addClause(victim.doc, { kind: 'operative', heading: 'Target', paragraphs: ['one two'] });
  await eventually(() => saved && clauseText(observer.doc, clauseId) === 'one two', 'the victim’s first words to be saved and seen');
  return { server, draftId, victim, victimSaved, observer, clauseId, attackerCookie: await signInCookie(server, 'dk@example.org') };
}

/** A raw socket of the Danish delegate, greeted by the server. */
async function attackerSocket(draft: Draft) {
  const socket = openRawSocket(draft.server, `/collab/${draft.draftId}`, { cookie: draft.attackerCookie });
  await socket.opened;
  await eventually(() => socket.messages.length > 0, 'the server’s greeting');
  return socket;
}

async function textOnDisk(draft: Draft): Promise<string> {
  await draft.server.close();
  return clauseText(await readDraftFromDisk(draft.server.dataDir, draft.draftId), draft.clauseId);
}

describe('client ids belong to their writer', () => {
  it('refuses a range of clocks claimed under another member’s client id, so the victim’s later words reach everyone and the disk', async () => {
    const draft = await openDraft();
    const { victim, observer, clauseId } = draft;
    const victimId = victim.doc.clientID;
    const attacker = await attackerSocket(draft);
    const clock = Y.getState(victim.doc.store, victimId);
    attacker.ws.send(updateMessage(forgeUpdate([{ client: victimId, clock: clock + 5, structs: [{ kind: 'gc', length: 1_000_000 }] }])));
    expect((await attacker.closed).code).toBe(CLOSE_CODE.MALFORMED_MESSAGE);

    for (const word of [' three', ' four', ' five', ' six']) type(victim.doc, clauseId, word);
    await eventually(() => clauseText(observer.doc, clauseId) === 'one two three four five six', 'every word to reach the observer');
    await eventually(() => draft.victimSaved.saved, 'the victim’s words to be saved');
    expect(victim.doc.clientID).toBe(victimId);
    expect(await textOnDisk(draft)).toBe('one two three four five six');
  });

  it('refuses items written under another member’s client id at its current clock: nothing is forwarded or stored', async () => {
    const draft = await openDraft();
    const { victim, observer, clauseId } = draft;
    const victimId = victim.doc.clientID;
    const seenByObserver: string[] = [];
    observer.doc.on('update', () => seenByObserver.push(clauseText(observer.doc, clauseId)));
    const attacker = await attackerSocket(draft);
    attacker.ws.send(updateMessage(editUnder(victim.doc, victimId, (doc) => type(doc, clauseId, ' FORGED'))));
    expect((await attacker.closed).code).toBe(CLOSE_CODE.MALFORMED_MESSAGE);

    type(victim.doc, clauseId, ' three');
    await eventually(() => clauseText(observer.doc, clauseId) === 'one two three', 'the victim’s next word to reach the observer');
    expect(seenByObserver.filter((text) => text.includes('FORGED'))).toEqual([]);
    expect(victim.doc.clientID).toBe(victimId);
    expect(await textOnDisk(draft)).toBe('one two three');
  });

  it('keeps a victim’s unsent offline words: the forgery at its clock is refused, and its words arrive on reconnect', async () => {
    const draft = await openDraft();
    const { victim, observer, clauseId } = draft;
    const victimId = victim.doc.clientID;
    victim.provider.disconnect();
    type(victim.doc, clauseId, ' typed offline');
    const attacker = await attackerSocket(draft);
    attacker.ws.send(updateMessage(editUnder(observer.doc, victimId, (doc) => type(doc, clauseId, ' FORGED'))));
    expect((await attacker.closed).code).toBe(CLOSE_CODE.MALFORMED_MESSAGE);

    victim.provider.connect();
    await eventually(() => clauseText(observer.doc, clauseId) === 'one two typed offline', 'the offline words to reach the observer');
    await eventually(() => draft.victimSaved.saved, 'the offline words to be saved');
    expect(await textOnDisk(draft)).toBe('one two typed offline');
  });

  it('remembers whose client ids are whose across a restart', async () => {
    const first = await openDraft();
    const victimId = first.victim.doc.clientID;
    const snapshot = Y.encodeStateAsUpdate(first.victim.doc);
    first.victim.destroy();
    first.observer.destroy();
    await first.server.close();
    const server = await startTestServer({ dataDir: first.server.dataDir });
    const source = new Y.Doc();
    Y.applyUpdate(source, snapshot);
    const attacker = openRawSocket(server, `/collab/${first.draftId}`, { cookie: await signInCookie(server, 'dk@example.org') });
    await attacker.opened;
    await eventually(() => attacker.messages.length > 0, 'the server’s greeting');
    attacker.ws.send(updateMessage(editUnder(source, victimId, (doc) => type(doc, first.clauseId, ' FORGED'))));
    expect((await attacker.closed).code).toBe(CLOSE_CODE.MALFORMED_MESSAGE);
  });

  it('lets the owner reconnect with the same client id and resend what it typed offline', async () => {
    const draft = await openDraft();
    const { victim, observer, clauseId } = draft;
    const victimId = victim.doc.clientID;
    victim.provider.disconnect();
    type(victim.doc, clauseId, ' offline');
    victim.provider.connect();
    await eventually(() => clauseText(observer.doc, clauseId) === 'one two offline', 'the offline edit to reach the observer');
    await eventually(() => draft.victimSaved.saved, 'the offline edit to be saved');
    type(victim.doc, clauseId, ' after');
    await eventually(() => clauseText(observer.doc, clauseId) === 'one two offline after', 'the next edit to arrive');
    expect(victim.closes).toEqual([]);
    expect(victim.doc.clientID).toBe(victimId);
    expect(await textOnDisk(draft)).toBe('one two offline after');
  });

  it('lets a live edit overtake the resend of the sender’s own offline edits while the sync is under way', async () => {
    const draft = await openDraft();
    const { observer, clauseId } = draft;
    // A page that typed offline reconnects and types at once: its live edit leaves before its sync step 2.
    const page = new Y.Doc();
    Y.applyUpdate(page, Y.encodeStateAsUpdate(observer.doc));
    type(page, clauseId, ' offline');
    const socket = openRawSocket(draft.server, `/collab/${draft.draftId}`, { cookie: await signInCookie(draft.server, 'us@example.org') });
    await socket.opened;
    await eventually(() => greetingStateVector(socket.messages) !== null, 'the server’s greeting');
    socket.ws.send(syncStep1Message(page));
    const before = Y.encodeStateVector(page);
    type(page, clauseId, ' racing');
    socket.ws.send(updateMessage(Y.encodeStateAsUpdate(page, before)));
    socket.ws.send(syncStep2Message(Y.encodeStateAsUpdate(page, Y.encodeStateVector(greetingStateVector(socket.messages)!))));
    await eventually(() => clauseText(observer.doc, clauseId) === 'one two offline racing', 'both edits to reach the observer');
    const next = Y.encodeStateVector(page);
    type(page, clauseId, ' after');
    socket.ws.send(updateMessage(Y.encodeStateAsUpdate(page, next)));
    await eventually(() => clauseText(observer.doc, clauseId) === 'one two offline racing after', 'the next edit to arrive');
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
  });

  it('lets a reloaded page write with its new client id, while the old one stays its member’s', async () => {
    const draft = await openDraft();
    const { observer, clauseId, server, draftId } = draft;
    draft.victim.destroy();
    const reloaded = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'us@example.org') });
    type(reloaded.doc, clauseId, ' after reload');
    await eventually(() => clauseText(observer.doc, clauseId) === 'one two after reload', 'the reloaded page’s edit to arrive');
    expect(reloaded.closes).toEqual([]);
  });

  it('refuses, after the sync, a live edit of the sender’s own client id that skips clocks', async () => {
    const draft = await openDraft();
    const socket = openRawSocket(draft.server, `/collab/${draft.draftId}`, { cookie: draft.attackerCookie });
    await socket.opened;
    const own = 987_654;
    socket.ws.send(updateMessage(forgeUpdate([{ client: own, clock: 0, structs: [{ kind: 'text', text: 'first' }] }])));
    socket.ws.send(updateMessage(forgeUpdate([{ client: own, clock: 10, structs: [{ kind: 'text', text: 'past a gap' }] }])));
    expect((await socket.closed).code).toBe(CLOSE_CODE.MALFORMED_MESSAGE);
    const fresh = await openCollabClient(draft.server, { draftId: draft.draftId, cookie: draft.attackerCookie });
    expect(Y.getState(fresh.doc.store, own)).toBe(5);
  });
});

describe('updates the server refuses before applying: each closes only its sender and changes nothing', () => {
  /** What each case sends; `own` is the sending socket's client id, already used for clocks 0-4. */
  type Case = (own: number, draft: Draft, seedId: number) => Uint8Array;
  const item = (own: number, clock: number, fields: Partial<{ origin: number; rightOrigin: number; parent: number }>) =>
    forgeUpdate([
      {
        client: own,
        clock,
        structs: [
          {
            kind: 'text',
            text: 'x',
            ...(fields.origin !== undefined ? { origin: { client: own, clock: fields.origin } } : {}),
            ...(fields.rightOrigin !== undefined ? { rightOrigin: { client: own, clock: fields.rightOrigin } } : {}),
            ...(fields.parent !== undefined ? { parent: { client: own, clock: fields.parent } } : {}),
          },
        ],
      },
    ]);
  const cases: Array<[string, Case]> = [
    ['an item whose origin is its own clock', (own) => updateMessage(item(own, 5, { origin: 5 }))],
    ['an item whose origin is past its own clock', (own) => updateMessage(item(own, 5, { origin: 6 }))],
    ['an item whose right origin is its own clock', (own) => updateMessage(item(own, 5, { rightOrigin: 5 }))],
    ['an item whose right origin is past its own clock', (own) => updateMessage(item(own, 5, { rightOrigin: 9 }))],
    ['an item whose parent is its own clock', (own) => updateMessage(item(own, 5, { parent: 5 }))],
    ['an item whose parent is past its own clock', (own) => updateMessage(item(own, 5, { parent: 7 }))],
    [
      'an insertion with an empty deletion at a future clock',
      (own) =>
        updateMessage(
          forgeUpdate([{ client: own, clock: 5, structs: [{ kind: 'text', text: 'x' }] }], [{ client: own, clock: 50, length: 0 }]),
        ),
    ],
    [
      'a GC range under another member’s client id',
      (_own, draft) => updateMessage(forgeUpdate([{ client: draft.victim.doc.clientID, clock: 0, structs: [{ kind: 'gc', length: 3 }] }])),
    ],
    [
      'items under another member’s client id',
      (_own, draft) => updateMessage(editUnder(draft.observer.doc, draft.victim.doc.clientID, (doc) => type(doc, draft.clauseId, ' X'))),
    ],
    [
      'a skip range under another member’s client id',
      (_own, draft) =>
        updateMessage(
          forgeUpdate([
            {
              client: draft.victim.doc.clientID,
              clock: 100,
              structs: [
                { kind: 'skip', length: 3 },
                { kind: 'text', text: 'x' },
              ],
            },
          ]),
        ),
    ],
    [
      'items under the client id that seeded the draft',
      (_own, draft, seedId) => updateMessage(editUnder(draft.observer.doc, seedId, (doc) => type(doc, draft.clauseId, ' X'))),
    ],
    ['a live edit of its own client id past its clock', (own) => updateMessage(item(own, 6, {}))],
    [
      'a live edit of its own client id before its clock',
      (own) => updateMessage(forgeUpdate([{ client: own, clock: 3, structs: [{ kind: 'text', text: 'xyz' }] }])),
    ],
    [
      'a skip range inside its own run',
      (own) =>
        updateMessage(
          forgeUpdate([
            {
              client: own,
              clock: 5,
              structs: [
                { kind: 'text', text: 'x' },
                { kind: 'skip', length: 2 },
                { kind: 'text', text: 'y' },
              ],
            },
          ]),
        ),
    ],
    ['a sync step 2 of its own client id past its clock', (own) => syncStep2Message(item(own, 8, {}))],
  ];

  let draft: Draft;
  let seedId = 0;
  let sockets = 0;

  beforeAll(async () => {
    draft = await openDraft();
    const known = [...Y.decodeStateVector(Y.encodeStateVector(draft.observer.doc)).keys()];
    seedId = known.find((id) => id !== draft.victim.doc.clientID && id !== draft.observer.doc.clientID)!;
  });

  it.each(cases)('%s', async (_name, frame) => {
    const { victim, observer, clauseId } = draft;
    const socket = openRawSocket(draft.server, `/collab/${draft.draftId}`, { cookie: draft.attackerCookie });
    await socket.opened;
    await eventually(() => socket.messages.length > 0, 'the server’s greeting');
    sockets += 1;
    const own = 5_550_000 + sockets;
    socket.ws.send(updateMessage(forgeUpdate([{ client: own, clock: 0, structs: [{ kind: 'text', text: 'abcde' }] }])));
    await eventually(() => Y.getState(observer.doc.store, own) === 5, 'the socket’s first five characters to arrive');
    const before = Y.decodeStateVector(Y.encodeStateVector(observer.doc));

    socket.ws.send(frame(own, draft, seedId));
    expect((await socket.closed).code).toBe(CLOSE_CODE.MALFORMED_MESSAGE);
    type(victim.doc, clauseId, '.');
    await eventually(() => clauseText(observer.doc, clauseId) === clauseText(victim.doc, clauseId), 'the victim’s next edit to arrive');
    expect(victim.closes).toEqual([]);
    expect(observer.closes).toEqual([]);
    before.set(victim.doc.clientID, Y.getState(victim.doc.store, victim.doc.clientID));
    expect(Y.decodeStateVector(Y.encodeStateVector(observer.doc))).toEqual(before);
  });
});

describe('edits that build on text the server does not have', () => {
  it('holds them back, sends them nowhere, and applies them once the text they build on arrives', async () => {
    const draft = await openDraft();
    const { observer, clauseId, server, draftId } = draft;
    // Before a crash, Norway typed " from Norway" and the United States saw it and typed after it; the
    // server lost Norway's words. The US page sends its own edit; only Norway may send Norway's words.
    const norway = new Y.Doc();
    Y.applyUpdate(norway, Y.encodeStateAsUpdate(observer.doc));
    const norwayBefore = Y.encodeStateVector(norway);
    type(norway, clauseId, ' from Norway');
    const us = new Y.Doc();
    Y.applyUpdate(us, Y.encodeStateAsUpdate(norway));
    const usBefore = Y.encodeStateVector(us);
    type(us, clauseId, ' from the US');

    const usSocket = openRawSocket(server, `/collab/${draftId}`, { cookie: await signInCookie(server, 'us@example.org') });
    await usSocket.opened;
    await eventually(() => usSocket.messages.length > 0, 'the greeting');
    usSocket.ws.send(updateMessage(Y.encodeStateAsUpdate(us, usBefore)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(clauseText(observer.doc, clauseId)).toBe('one two');
    const late = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'reviewer@example.org') });
    expect(clauseText(late.doc, clauseId)).toBe('one two');

    const noSocket = openRawSocket(server, `/collab/${draftId}`, { cookie: await signInCookie(server, 'no@example.org') });
    await noSocket.opened;
    await eventually(() => noSocket.messages.length > 0, 'the greeting');
    const greeted = noSocket.messages.length;
    noSocket.ws.send(updateMessage(Y.encodeStateAsUpdate(norway, norwayBefore)));
    await eventually(() => clauseText(observer.doc, clauseId) === 'one two from Norway from the US', 'both edits to reach the observer');
    await eventually(() => noSocket.messages.length > greeted, 'Norway to be sent the US edit it lacked');
    const norwaySees = new Y.Doc();
    Y.applyUpdate(norwaySees, Y.encodeStateAsUpdate(norway));
    applySyncUpdates(norwaySees, noSocket.messages.slice(greeted));
    expect(clauseText(norwaySees, clauseId)).toBe('one two from Norway from the US');
    expect(usSocket.ws.readyState).toBe(usSocket.ws.OPEN);
    expect(await textOnDisk(draft)).toBe('one two from Norway from the US');
  });
});
