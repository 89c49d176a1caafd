import { rm } from 'node:fs/promises';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { AuditEntryView } from '../../../shared/api/negotiation.js';
import { MESSAGE_SYNC } from '../../../shared/collab/messageTypes.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { BRACKET_MARK } from '../../../shared/doc/schema.js';
import { eventually, openCollabClient, openRawSocket, registerTeardown, signInCookie, starterDraftId } from '../../helpers/collabClient.js';
import { readDraftFromDisk } from '../../helpers/draftDisk.js';
import { ApiClient } from '../../helpers/http.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../helpers/testServer.js';

/** The first clause whose first paragraph has some text, and that paragraph's Y.XmlText. */
function firstText(doc: Y.Doc): { clauseId: string; text: Y.XmlText } {
  for (const clause of readOrderedClauses(doc)) {
    const paragraph = clause.body.get(0);
    const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
    if (text instanceof Y.XmlText && text.length >= 30) return { clauseId: clause.id, text };
  }
  throw new Error('no clause with text');
}

/** The delegation ids of the bracketed passages of a text, in order. */
function bracketOwners(text: Y.XmlText): string[] {
  return (text.toDelta() as Array<{ attributes?: Record<string, { delegation?: string } | null> }>)
    .map((op) => op.attributes?.[BRACKET_MARK]?.delegation)
    .filter((id): id is string => typeof id === 'string');
}

/** A text's characters without its formatting. */
function plain(text: Y.XmlText): string {
  return (text.toDelta() as Array<{ insert: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}

/** Every bracket owner a document's first text ever showed, for "never arrived" checks. */
function ownersEverSeen(doc: Y.Doc): Set<string> {
  const seen = new Set<string>();
  doc.on('update', () => bracketOwners(firstText(doc).text).forEach((id) => seen.add(id)));
  return seen;
}

async function members(server: TestServer) {
  const api = async (email: string) => new ApiClient(server.url).signIn(email, TEST_PASSWORD);
  const us = await api('us@example.org');
  const no = await api('no@example.org');
  const secretariat = await api('secretariat@example.org');
  const delegationOf = async (client: ApiClient) => ((await client.get('/api/me')).body as { delegation: { id: string } }).delegation.id;
  return { us, no, secretariat, usId: await delegationOf(us), noId: await delegationOf(no) };
}

/** A sync update message as y-websocket sends it: [MESSAGE_SYNC, update]. */
function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Applies the sync messages a raw socket received to a document. */
function applySyncMessages(doc: Y.Doc, messages: Uint8Array[]): void {
  for (const message of messages) {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) continue;
    syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, 'server');
  }
}

async function bracketAudit(secretariat: ApiClient, draftId: string): Promise<AuditEntryView[]> {
  const res = await secretariat.get(`/api/drafts/${draftId}/audit`);
  expect(res.status).toBe(200);
  return (res.body as AuditEntryView[]).filter((e) => e.action.startsWith('bracket.'));
}

describe('bracket attribution, from the session and never from the client', () => {
  it('turns a raw update of the US delegate claiming Norway’s bracket into a US bracket, for Norway, the sender and the disk', async () => {
    const server = await startTestServer({ keepData: true });
    registerTeardown(() => rm(server.dataDir, { recursive: true, force: true }));
    const draftId = await starterDraftId(server);
    const as = await members(server);
    const norway = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'no@example.org') });
    const seenByNorway = ownersEverSeen(norway.doc);

    // The US delegate's socket sends a hand-made update whose bracket names Norway.
    const raw = openRawSocket(server, `/collab/${draftId}`, { cookie: await signInCookie(server, 'us@example.org') });
    await raw.opened;
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(norway.doc));
    const before = Y.encodeStateVector(forger);
    const { clauseId, text } = firstText(forger);
    text.format(4, 10, { [BRACKET_MARK]: { delegation: as.noId } });
    raw.ws.send(updateMessage(Y.encodeStateAsUpdate(forger, before)));

    await eventually(() => bracketOwners(firstText(norway.doc).text).length > 0, 'the bracket to reach Norway');
    expect(bracketOwners(firstText(norway.doc).text)).toEqual([as.usId]);
    expect([...seenByNorway]).toEqual([as.usId]);
    // The sender is told too: its own copy ends up with the US attribution.
    await eventually(() => {
      applySyncMessages(forger, raw.messages.splice(0));
      return bracketOwners(firstText(forger).text).join() === as.usId;
    }, 'the correction to reach the sender');

    const audit = await bracketAudit(as.secretariat, draftId);
    expect(audit).toMatchObject([{ action: 'bracket.added', clauseId, actor: { name: 'James Carter' }, delegation: 'United States' }]);
    expect(audit[0]!.detail).toMatch(/^Bracketed “.{10}” \(United States\)$/);

    raw.ws.terminate();
    norway.destroy();
    await server.close();
    expect(bracketOwners(firstText(await readDraftFromDisk(server.dataDir, draftId)).text)).toEqual([as.usId]);
    const restarted = await startTestServer({ dataDir: server.dataDir });
    const late = await openCollabClient(restarted, { draftId, cookie: await signInCookie(restarted, 'dk@example.org') });
    expect(bracketOwners(firstText(late.doc).text)).toEqual([as.usId]);
  });

  it('does not let a raw update timed to land inside Norway’s next keystroke pass a bracket off as Norway’s', async () => {
    const server = await startTestServer();
    const draftId = await starterDraftId(server);
    const as = await members(server);
    const norway = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'no@example.org') });
    const seenByNorway = ownersEverSeen(norway.doc);

    // The US delegate predicts the id of Norway's next character and sends a bracket in Norway's name around
    // it: the server holds it back until that character arrives, in Norway's own update.
    const predicted = new Y.Doc();
    predicted.clientID = norway.doc.clientID;
    Y.applyUpdate(predicted, Y.encodeStateAsUpdate(norway.doc));
    firstText(predicted).text.insert(0, 'Z');
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(predicted));
    const before = Y.encodeStateVector(forger);
    firstText(forger).text.format(0, 1, { [BRACKET_MARK]: { delegation: as.noId } });
    const raw = openRawSocket(server, `/collab/${draftId}`, { cookie: await signInCookie(server, 'us@example.org') });
    await raw.opened;
    raw.ws.send(updateMessage(Y.encodeStateAsUpdate(forger, before)));
    // Frames of one socket are handled in order: once the socket's next edit reached Norway, the forged one was held back.
    const marker = new Y.Doc();
    Y.applyUpdate(marker, Y.encodeStateAsUpdate(norway.doc));
    const markerBefore = Y.encodeStateVector(marker);
    firstText(marker).text.insert(firstText(marker).text.length, ' (marker)');
    raw.ws.send(updateMessage(Y.encodeStateAsUpdate(marker, markerBefore)));
    await eventually(() => plain(firstText(norway.doc).text).endsWith(' (marker)'), 'the socket’s next edit to reach Norway');

    const us = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'us@example.org') });
    firstText(norway.doc).text.insert(0, 'N');
    await eventually(() => plain(firstText(us.doc).text).startsWith('N'), 'Norway’s keystroke to reach the US');

    expect(bracketOwners(firstText(us.doc).text)).toEqual([]);
    expect(await server.rooms.read(draftId, (doc) => bracketOwners(firstText(doc).text))).toEqual([]);
    expect([...seenByNorway]).toEqual([]);
    expect(await bracketAudit(as.secretariat, draftId)).toEqual([]);
    raw.ws.terminate();
  });

  it('drops a reviewer’s bracket and removes the secretariat’s, so neither reaches anyone', async () => {
    const server = await startTestServer();
    const draftId = await starterDraftId(server);
    const as = await members(server);
    const us = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'us@example.org') });
    const seenByUs = ownersEverSeen(us.doc);
    const reviewer = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'reviewer@example.org') });
    const secretariat = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'secretariat@example.org') });

    firstText(reviewer.doc).text.format(0, 8, { [BRACKET_MARK]: { delegation: as.usId } });
    firstText(secretariat.doc).text.format(10, 8, { [BRACKET_MARK]: { delegation: as.noId } });
    // The secretariat's own editor loses the bracket once the server's correction is back.
    await eventually(() => bracketOwners(firstText(secretariat.doc).text).length === 0, 'the secretariat’s bracket to be removed');

    // Frames of one socket are handled in order: once the reviewer's later presence and the US delegate's
    // own later edit went round, the brackets before them were handled too.
    reviewer.provider.awareness.setLocalStateField('cursor', { step: 1 });
    await eventually(() => us.provider.awareness.getStates().get(reviewer.doc.clientID)?.cursor?.step === 1, 'the reviewer’s presence');
    firstText(secretariat.doc).text.insert(0, 'Secretariat: ');
    await eventually(() => firstText(us.doc).text.toString().startsWith('Secretariat: '), 'the secretariat’s typing');
    expect(bracketOwners(firstText(us.doc).text)).toEqual([]);
    expect([...seenByUs]).toEqual([]);
    expect(bracketOwners(firstText(reviewer.doc).text)).toEqual([as.usId]); // only in the reviewer's own copy
    expect(await bracketAudit(as.secretariat, draftId)).toEqual([]);
  });

  it('audits brackets added and lifted, with the clause and who did it, and not typing inside a bracket', async () => {
    const server = await startTestServer();
    const draftId = await starterDraftId(server);
    const as = await members(server);
    const us = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'us@example.org') });
    const norway = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'no@example.org') });
    const { clauseId, text } = firstText(us.doc);
    const passage = text.toString().slice(0, 20);

    text.format(0, 20, { [BRACKET_MARK]: { delegation: as.usId } });
    await eventually(() => bracketOwners(firstText(norway.doc).text).length === 1, 'the bracket to reach Norway');
    const added = await eventuallyAudited(as.secretariat, draftId, 1);

    firstText(norway.doc).text.insert(5, 'typed ');
    await eventually(() => firstText(us.doc).text.toString().includes('typed '), 'Norway’s typing to reach the US');
    firstText(norway.doc).text.format(0, 26, { [BRACKET_MARK]: null });
    await eventually(() => bracketOwners(firstText(us.doc).text).length === 0, 'the lift to reach the US');
    const audit = await eventuallyAudited(as.secretariat, draftId, 2);

    expect(added).toEqual([
      {
        id: expect.any(Number),
        at: expect.any(String),
        action: 'bracket.added',
        clauseId,
        actor: { id: expect.any(String), name: 'James Carter' },
        delegation: 'United States',
        detail: `Bracketed “${passage}” (United States)`,
      },
    ]);
    const withTyping = `${passage.slice(0, 5)}typed ${passage.slice(5)}`;
    expect(audit).toEqual([
      {
        id: expect.any(Number),
        at: expect.any(String),
        action: 'bracket.lifted',
        clauseId,
        actor: { id: expect.any(String), name: 'Lars Haugen' },
        delegation: 'Norway',
        detail: `Lifted the bracket on “${withTyping}” (United States)`,
      },
      added[0],
    ]);
  });

  it('records several passages bracketed in one edit as one entry, quoting at most 60 characters', async () => {
    const server = await startTestServer();
    const draftId = await starterDraftId(server);
    const as = await members(server);
    const us = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'us@example.org') });
    const { clauseId, text } = firstText(us.doc);
    us.doc.transact(() => {
      text.insert(0, `${'long passage '.repeat(6)}| `);
      text.format(0, 70, { [BRACKET_MARK]: { delegation: as.usId } });
      text.format(80, 4, { [BRACKET_MARK]: { delegation: as.usId } });
    });
    const audit = await eventuallyAudited(as.secretariat, draftId, 1);
    expect(audit).toMatchObject([
      {
        action: 'bracket.added',
        clauseId,
        detail: `Bracketed 2 passages, first “${'long passage '.repeat(6).slice(0, 60)}…” (United States)`,
      },
    ]);
  });
});

/** The draft's bracket audit entries once there are `count` of them (they are written beside the sync path). */
async function eventuallyAudited(secretariat: ApiClient, draftId: string, count: number): Promise<AuditEntryView[]> {
  const start = Date.now();
  for (;;) {
    const entries = await bracketAudit(secretariat, draftId);
    if (entries.length >= count || Date.now() - start > 5000) return entries;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
