import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { addClause } from '../../../shared/doc/addClause.js';
import { readClause } from '../../../shared/doc/readClause.js';
import { RoomBroadcast } from '../../collab/RoomBroadcast.js';
import type { RoomApi, RoomConnection } from '../../collab/RoomConnection.js';
import { SharedFrame } from '../../collab/SharedFrame.js';
import { DraftRoom } from '../../rooms/DraftRoom.js';
import type { RoomMember } from '../../rooms/RoomClient.js';
import { BracketAttribution, type BracketChange, type BracketFindings } from './bracketAttribution.js';
import { negotiationExtension } from './negotiationExtension.js';

const US = 'usDelegation0000';
const NO = 'noDelegation0000';
const CLAUSE = 'clauseAAAAAAAAAA';
const TEXT = 'The parties shall cooperate in good faith.';

function base(): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = 1;
  addClause(doc, { kind: 'operative', id: CLAUSE, paragraphs: [TEXT, 'Second paragraph.'], addedAt: 1 });
  return Y.encodeStateAsUpdate(doc);
}

/** The first paragraph's text of the clause. */
function paragraph(doc: Y.Doc, index = 0): Y.XmlText {
  return (readClause(doc, CLAUSE)!.body.get(index) as Y.XmlElement).get(0) as Y.XmlText;
}

/** The text with its brackets as `[delegation:text]` (other values as JSON). */
function show(text: Y.XmlText): string {
  return (text.toDelta() as Array<{ insert: string; attributes?: Record<string, unknown> }>)
    .map(({ insert, attributes }) => {
      const entries = Object.entries(attributes ?? {}).filter(([key]) => key.startsWith('bracket'));
      if (entries.length === 0) return insert;
      const [, value] = entries[0]!;
      const who = value !== null && typeof value === 'object' && 'delegation' in value ? String(value.delegation) : JSON.stringify(value);
      return `[${who === US ? 'US' : who === NO ? 'NO' : who}:${insert}]`;
    })
    .join('');
}

/** The server side as the negotiation extension drives it in a room: watch, apply, take, correct. */
class Server {
  readonly doc = new Y.Doc();
  readonly attribution = new BracketAttribution(this.doc, (error) => {
    throw error;
  });
  findings: BracketFindings | null = null;
  corrections = 0;

  constructor() {
    Y.applyUpdate(this.doc, base());
  }

  /** Applies a member's update; returns the server's correction (for every client), if it made one. */
  receive(update: Uint8Array, delegationId: string | null, origin: object = {}): Uint8Array | null {
    this.attribution.watch(origin, delegationId, update);
    Y.applyUpdate(this.doc, update, origin);
    this.findings = this.attribution.take();
    if (!this.findings || this.findings.corrections.length === 0) return null;
    const before = Y.encodeStateVector(this.doc);
    this.attribution.correct(this.findings, 'server');
    this.corrections += 1;
    return Y.encodeStateAsUpdate(this.doc, before);
  }
}

/** A client document of a member; `send` delivers its edits since the last send, as y-websocket would. */
class Member {
  readonly doc = new Y.Doc();
  private pending: Uint8Array[] = [];
  private readonly connection = {};

  constructor(
    private readonly server: Server,
    readonly delegationId: string | null,
  ) {
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(server.doc), 'remote');
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') this.pending.push(update);
    });
  }

  get text(): Y.XmlText {
    return paragraph(this.doc);
  }

  send(): BracketFindings | null {
    const update = Y.mergeUpdates(this.pending.splice(0));
    // The member's connection: the same origin for every update, as a DraftRoom applies them.
    const correction = this.server.receive(update, this.delegationId, this.connection);
    if (correction) Y.applyUpdate(this.doc, correction, 'remote');
    return this.server.findings;
  }

  /** The last update sent, again (a replay). */
  lastUpdate(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc);
  }

  catchUp(): void {
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(this.server.doc, Y.encodeStateVector(this.doc)), 'remote');
  }
}

function bracketedByNorway(): { server: Server; norway: Member } {
  const server = new Server();
  const norway = new Member(server, NO);
  norway.text.format(4, 7, { bracket: { delegation: NO } });
  norway.send();
  return { server, norway };
}

describe('bracket attribution', () => {
  it('rewrites a bracket a US delegate claims for Norway to the US, on the server and back on the sender', () => {
    const server = new Server();
    const us = new Member(server, US);
    us.text.format(4, 7, { bracket: { delegation: NO } });
    const findings = us.send();
    expect(show(paragraph(server.doc))).toBe('The [US:parties] shall cooperate in good faith.');
    expect(show(us.text)).toBe('The [US:parties] shall cooperate in good faith.');
    expect(findings?.edits).toEqual([{ action: 'added', clauseId: CLAUSE, delegationId: US, text: 'parties' }]);
  });

  it('leaves a bracket with the sender’s own delegation untouched', () => {
    const server = new Server();
    const us = new Member(server, US);
    us.text.format(12, 5, { bracket: { delegation: US } });
    const findings = us.send();
    expect(server.corrections).toBe(0);
    expect(show(paragraph(server.doc))).toBe('The parties [US:shall] cooperate in good faith.');
    expect(findings).toEqual({ corrections: [], edits: [{ action: 'added', clauseId: CLAUSE, delegationId: US, text: 'shall' }] });
  });

  it('removes a bracket sent by a member without a delegation (the secretariat)', () => {
    const server = new Server();
    const secretariat = new Member(server, null);
    secretariat.text.format(4, 7, { bracket: { delegation: NO } });
    const findings = secretariat.send();
    expect(show(paragraph(server.doc))).toBe(TEXT);
    expect(show(secretariat.text)).toBe(TEXT);
    expect(findings?.edits).toEqual([]);
  });

  it('lets a delegate of another delegation lift a bracket, and audits whose bracket it was', () => {
    const { server } = bracketedByNorway();
    const us = new Member(server, US);
    us.text.format(4, 7, { bracket: null });
    const findings = us.send();
    expect(server.corrections).toBe(0);
    expect(show(paragraph(server.doc))).toBe(TEXT);
    expect(findings?.edits).toEqual([{ action: 'lifted', clauseId: CLAUSE, delegationId: NO, text: 'parties' }]);
  });

  it('lets the secretariat lift part of a bracket, the rest staying with its delegation', () => {
    const server = new Server();
    const norway = new Member(server, NO);
    norway.text.format(4, 23, { bracket: { delegation: NO } });
    norway.send();
    const secretariat = new Member(server, null);
    secretariat.text.format(12, 5, { bracket: null });
    const findings = secretariat.send();
    expect(show(paragraph(server.doc))).toBe('The [NO:parties ]shall[NO: cooperate] in good faith.');
    expect(findings?.corrections).toEqual([]);
    expect(findings?.edits).toEqual([{ action: 'lifted', clauseId: CLAUSE, delegationId: NO, text: 'shall' }]);
  });

  it('corrects nothing and audits nothing when someone types inside or next to a bracket', () => {
    const { server } = bracketedByNorway();
    const us = new Member(server, US);
    us.text.insert(6, 'xx'); // inside: takes the bracket's formatting, as ProseMirror's mark does
    us.text.insert(13, 'y', { bracket: null }); // right after it, unbracketed (the mark is not inclusive)
    us.text.insert(4, 'z', { bracket: null }); // right before it
    expect(us.send()).toBeNull();
    expect(server.corrections).toBe(0);
    expect(show(paragraph(server.doc))).toBe('The z[NO:paxxrties]y shall cooperate in good faith.');
  });

  it('restores a bracket the member lifted, on undo, with the delegation that proposed it', () => {
    const { server } = bracketedByNorway();
    const us = new Member(server, US);
    const undo = new Y.UndoManager(us.text);
    us.text.format(4, 7, { bracket: null });
    us.send();
    expect(show(paragraph(server.doc))).toBe(TEXT);
    undo.undo();
    const findings = us.send();
    expect(server.corrections).toBe(0);
    expect(show(paragraph(server.doc))).toBe('The [NO:parties] shall cooperate in good faith.');
    expect(findings?.edits).toEqual([{ action: 'added', clauseId: CLAUSE, delegationId: NO, text: 'parties' }]);
  });

  it('lets only the member who lifted a bracket put it back under the proposing delegation, and only in that paragraph', () => {
    const { server } = bracketedByNorway();
    const lifter = new Member(server, US);
    lifter.text.format(4, 7, { bracket: null });
    lifter.send();
    const other = new Member(server, US);
    other.text.format(4, 7, { bracket: { delegation: NO } });
    other.send();
    expect(show(paragraph(server.doc))).toBe('The [US:parties] shall cooperate in good faith.');
    lifter.catchUp();
    paragraph(lifter.doc, 1).format(0, 6, { bracket: { delegation: NO } });
    lifter.send();
    expect(show(paragraph(server.doc, 1))).toBe('[US:Second] paragraph.');
  });

  it('lets the member who lifted a bracket put it back only on the characters it was lifted from', () => {
    const { server } = bracketedByNorway();
    const lifter = new Member(server, US);
    lifter.text.format(4, 7, { bracket: null });
    lifter.send();
    lifter.text.format(12, 5, { bracket: { delegation: NO } });
    lifter.text.format(0, 3, { bracket: { delegation: NO } });
    lifter.send();
    expect(show(paragraph(server.doc))).toBe('[US:The] parties [US:shall] cooperate in good faith.');
    lifter.text.format(0, 11, { bracket: { delegation: NO } });
    lifter.send();
    // Over "The parties": the lifted characters get Norway's bracket back, the others are the sender's.
    expect(show(paragraph(server.doc))).toBe('[US:The ][NO:parties] [US:shall] cooperate in good faith.');
  });

  it('lets a delegate take over another delegation’s bracket only under its own name', () => {
    const { server } = bracketedByNorway();
    const us = new Member(server, US);
    us.text.format(0, 11, { bracket: { delegation: US } });
    const findings = us.send();
    expect(show(paragraph(server.doc))).toBe('[US:The parties] shall cooperate in good faith.');
    expect(findings?.edits).toEqual([
      { action: 'lifted', clauseId: CLAUSE, delegationId: NO, text: 'parties' },
      { action: 'added', clauseId: CLAUSE, delegationId: US, text: 'The parties' },
    ]);
  });

  it('rewrites malformed bracket values, hashed bracket keys and brackets in pasted text', () => {
    const server = new Server();
    const us = new Member(server, US);
    us.doc.transact(() => {
      us.text.format(0, 3, { bracket: 'NO' });
      us.text.format(12, 5, { bracket: { delegation: US, extra: true } });
      us.text.format(18, 9, { 'bracket--abcdefgh': { delegation: NO } });
      paragraph(us.doc, 1).insert(0, 'Pasted ', { bracket: { delegation: 7 } });
    });
    const findings = us.send();
    expect(show(paragraph(server.doc))).toBe('[US:The] parties [US:shall] [US:cooperate] in good faith.');
    expect(show(paragraph(server.doc, 1))).toBe('[US:Pasted ]Second paragraph.');
    expect(findings?.edits.map((e) => e.text)).toEqual(['The', 'shall', 'cooperate', 'Pasted ']);
  });

  it('corrects a bracket in text nested deeper than a paragraph', () => {
    const server = new Server();
    const us = new Member(server, US);
    const item = new Y.XmlElement('listItem');
    readClause(us.doc, CLAUSE)!.body.insert(2, [item]);
    const inner = new Y.XmlElement('paragraph');
    item.insert(0, [inner]);
    inner.insert(0, [new Y.XmlText('nested')]);
    (inner.get(0) as Y.XmlText).format(0, 6, { bracket: { delegation: NO } });
    const findings = us.send();
    const nested = ((readClause(server.doc, CLAUSE)!.body.get(2) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    expect(show(nested)).toBe('[US:nested]');
    expect(findings?.edits).toEqual([{ action: 'added', clauseId: CLAUSE, delegationId: US, text: 'nested' }]);
  });

  it('copes with a claimed bracket whose text the same update deleted, and with a replayed update', () => {
    const server = new Server();
    const us = new Member(server, US);
    us.doc.transact(() => {
      us.text.format(4, 7, { bracket: { delegation: NO } });
      us.text.delete(4, 8);
    });
    us.send();
    expect(show(paragraph(server.doc))).toBe('The shall cooperate in good faith.');
    us.text.format(4, 5, { bracket: { delegation: NO } });
    const replay = us.lastUpdate();
    us.send();
    expect(server.corrections).toBe(1);
    expect(server.receive(replay, US)).toBeNull();
    expect(server.findings).toBeNull();
    expect(show(paragraph(server.doc))).toBe('The [US:shall] cooperate in good faith.');
  });

  it('removes a claimed bracket held back until the text it refers to arrived from another client', () => {
    const server = new Server();
    const writer = new Member(server, US);
    writer.text.insert(0, 'New ');
    const writes = Y.encodeStateAsUpdate(writer.doc, Y.encodeStateVector(server.doc));
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(writer.doc));
    const before = Y.encodeStateVector(forger);
    paragraph(forger).format(0, 3, { bracket: { delegation: NO } });
    expect(server.receive(Y.encodeStateAsUpdate(forger, before), US)).toBeNull(); // waits for "New "
    expect(show(paragraph(server.doc))).toBe(TEXT);
    server.receive(writes, US);
    // The writer did not send that bracket: it is nobody's the server can vouch for.
    expect(show(paragraph(server.doc))).toBe(`New ${TEXT}`);
  });

  it('does not let a bracket held back for another delegation’s next keystroke pass for that delegation’s', () => {
    const server = new Server();
    const norway = new Member(server, NO);
    // The forger predicts the id of Norway's next character and brackets it in Norway's name (and in its own).
    const predicted = new Y.Doc();
    predicted.clientID = norway.doc.clientID;
    Y.applyUpdate(predicted, Y.encodeStateAsUpdate(norway.doc));
    paragraph(predicted).insert(0, 'Z');
    for (const claim of [NO, US]) {
      const forger = new Y.Doc();
      Y.applyUpdate(forger, Y.encodeStateAsUpdate(predicted));
      const before = Y.encodeStateVector(forger);
      paragraph(forger).format(0, 1, { bracket: { delegation: claim } });
      expect(server.receive(Y.encodeStateAsUpdate(forger, before), US)).toBeNull(); // held back: Norway has not typed yet
    }
    norway.text.insert(0, 'Y');
    const findings = norway.send();
    expect(show(paragraph(server.doc))).toBe(`Y${TEXT}`);
    expect(show(norway.text)).toBe(`Y${TEXT}`);
    expect(findings?.edits ?? []).toEqual([]);
  });

  it('still accepts a member’s own bracket sent while other structs were held back', () => {
    const server = new Server();
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(server.doc));
    const orphan = new Y.Doc();
    Y.applyUpdate(orphan, Y.encodeStateAsUpdate(server.doc));
    paragraph(orphan).insert(0, 'never sent ');
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(orphan));
    const before = Y.encodeStateVector(forger);
    paragraph(forger).insert(0, 'x');
    server.receive(Y.encodeStateAsUpdate(forger, before), US); // waits forever for "never sent "
    const norway = new Member(server, NO);
    norway.text.format(4, 7, { bracket: { delegation: NO } });
    norway.send();
    expect(show(paragraph(server.doc))).toBe('The [NO:parties] shall cooperate in good faith.');
  });

  it('corrects what a brand-new text claims (a paragraph pasted with brackets)', () => {
    const server = new Server();
    const us = new Member(server, US);
    const pasted = new Y.XmlElement('paragraph');
    readClause(us.doc, CLAUSE)!.body.insert(1, [pasted]);
    pasted.insert(0, [new Y.XmlText()]);
    (pasted.get(0) as Y.XmlText).insert(0, 'all of it', { bracket: { delegation: NO } });
    us.send();
    expect(show(paragraph(server.doc, 1))).toBe('[US:all of it]');
  });
});

describe('bracket attribution in a draft room (the negotiation extension)', () => {
  class FakeConnection implements RoomConnection {
    readonly clientIds = new Set<number>();
    readonly sync = { declared: new Map<number, number>(), answered: true };
    savedSubscribed = false;
    readonly sent: Uint8Array[] = [];
    constructor(readonly member: RoomMember) {}
    send(message: Uint8Array | SharedFrame): void {
      this.sent.push(message instanceof SharedFrame ? message.message : message);
    }
    speaksFor(): boolean {
      return false;
    }
    end(): void {}
    attach(_room: RoomApi): void {}
  }

  const user = (delegationId: string | null): RoomMember => ({
    id: `user-${delegationId}`,
    name: 'Member',
    role: delegationId ? 'delegate' : 'secretariat',
    delegation: delegationId ? 'United States' : null,
    delegationId,
    readOnly: false,
  });

  /**
   * A room with a US member (the sender) and a NO member joined, what they were sent on joining cleared, and the
   * sender's own copy of the document; `send` applies the sender's edit of that copy and lets the room handle it.
   */
  async function openRoom() {
    const stored: Uint8Array[] = [];
    const changes: BracketChange[] = [];
    const log = { warn: () => {}, error: () => {} };
    const room = new DraftRoom({
      draftId: 'draftAAAAAAAAAAA',
      storage: {
        load: async (_draftId, document) => {
          Y.applyUpdate(document, base());
          return { clientIdOwners: [] };
        },
        addClientIdOwners: async () => {},
        store: async (_draftId, update) => {
          stored.push(update);
        },
        unload: async () => {},
      },
      extensions: [
        negotiationExtension({
          bracketsChanged: (change) => void changes.push(change),
          optionsAdded: () => {},
          countsMayHaveChanged: () => {},
          log,
        }),
      ],
      maxHeldBytes: 1 << 20,
      log,
      onGone: () => {},
    });
    const sender = new FakeConnection(user(US));
    const other = new FakeConnection(user(NO));
    room.join(sender);
    room.join(other);
    await room.ready;
    // The websocket layer's fan-out, as the sync server sets it up for the room's sockets.
    const broadcast = new RoomBroadcast(new Set([sender, other]), () => null);
    room.listen({ updates: (batch, merged) => broadcast.updates(batch, merged), saved: () => {} });
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(room.doc));
    const send = async (edit: () => void) => {
      const before = Y.encodeStateVector(client);
      edit();
      room.receive(sender, Y.encodeStateAsUpdate(client, before), 'update');
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
    };
    return { stored, changes, sender, other, client, send };
  }

  /** Applies the sync messages a connection received to a document. */
  function receive(doc: Y.Doc, messages: Uint8Array[]): void {
    for (const message of messages) {
      const decoder = decoding.createDecoder(message);
      decoding.readVarUint(decoder);
      syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, 'server');
    }
  }

  it('stores the claimed bracket and its correction in one write, and sends the correction to the sender too', async () => {
    const { stored, changes, sender, other, client, send } = await openRoom();
    await send(() => paragraph(client).format(4, 7, { bracket: { delegation: NO } }));

    expect(stored).toHaveLength(1);
    const onDisk = new Y.Doc();
    Y.applyUpdate(onDisk, base());
    Y.applyUpdate(onDisk, stored[0]!);
    expect(show(paragraph(onDisk))).toBe('The [US:parties] shall cooperate in good faith.');
    receive(client, sender.sent);
    expect(show(paragraph(client))).toBe('The [US:parties] shall cooperate in good faith.');
    const third = new Y.Doc();
    Y.applyUpdate(third, base());
    receive(third, other.sent);
    expect(show(paragraph(third))).toBe('The [US:parties] shall cooperate in good faith.');
    expect(changes).toEqual([
      { draftId: 'draftAAAAAAAAAAA', actor: user(US), edits: [{ action: 'added', clauseId: CLAUSE, delegationId: US, text: 'parties' }] },
    ]);
  });

  it('publishes ordinary typing as before: to the others only, without bracket notices', async () => {
    const { stored, changes, sender, other, client, send } = await openRoom();
    await send(() => paragraph(client).insert(3, ' two'));
    expect(sender.sent).toHaveLength(0);
    expect(other.sent).toHaveLength(1);
    expect(stored).toHaveLength(1);
    expect(changes).toEqual([]);
  });
});
