/**
 * What the amendment and lock rules cost the server per keystroke, at the Yjs level without sockets: a
 * delegate's one-character updates in a 300-clause draft, applied through DraftRoom.receive with the app's
 * room extensions (amendments, negotiation), in three settings:
 * - direct: a draft in direct mode with no agreed clause (the rules cost nothing: no trial);
 * - locked: a draft in direct mode with one agreed clause elsewhere (every update is tried on the replica);
 * - amendments: the delegate proposes (insertion marks; tried on the replica and checked as a proposal).
 * Prints µs per update for three rounds (the first includes warm-up) and checks every keystroke landed.
 *
 *   npx tsx test/bench/amendmentsApplyCost.ts [--updates 2000] [--clauses 300]
 */
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { amendmentsExtension } from '../../server/domain/amendments/amendmentsExtension.js';
import { negotiationExtension } from '../../server/domain/negotiation/negotiationExtension.js';
import type { Log } from '../../server/log.js';
import { DraftRoom } from '../../server/rooms/DraftRoom.js';
import type { RoomClient } from '../../server/rooms/RoomClient.js';
import type { EditingMode } from '../../shared/api/drafts.js';
import { COLLAB_LIMITS } from '../../shared/collab/limits.js';
import { addClause } from '../../shared/doc/addClause.js';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { INSERTION_MARK } from '../../shared/doc/schema.js';

const { values } = parseArgs({ options: { updates: { type: 'string', default: '2000' }, clauses: { type: 'string', default: '300' } } });
const UPDATES = Number(values.updates);
const CLAUSES = Number(values.clauses);
const silent: Log = { error: () => undefined, warn: () => undefined };
const DELEGATION = 'benchDelegation1';
const WRITER = 4242;
const PARAGRAPH =
  'Subscribing States will take into account the risk that an export could be used in connection with serious violations or abuses of human rights.';

const seed = new Y.Doc();
seed.transact(() => {
  for (let i = 0; i < CLAUSES; i += 1)
    addClause(seed, { kind: 'operative', heading: `Clause ${i}`, paragraphs: [PARAGRAPH, PARAGRAPH.slice(0, 80)] });
});
const seedUpdate = Y.encodeStateAsUpdate(seed);
const ids = readOrderedClauses(seed).map((c) => c.id);
const target = ids[Math.floor(ids.length / 2)]!;

for (let round = 1; round <= 3; round += 1) {
  const figures: string[] = [];
  for (const setting of ['direct', 'locked', 'amendments'] as const) {
    const mode: EditingMode = setting === 'amendments' ? 'amendments' : 'direct';
    const updates = keystrokes(setting === 'amendments');
    const sender = client();
    const room = await openRoom(mode, setting === 'locked' ? [ids[0]!] : [], sender);
    // The first keystroke records the writer's client id as the delegate's (durably, so it waits a turn).
    room.receive(sender, updates[0]!, 'update');
    while (paragraphLength(room.doc) === PARAGRAPH.length) await new Promise((resolve) => setTimeout(resolve, 1));
    const started = performance.now();
    for (const update of updates.slice(1)) room.receive(sender, update, 'update');
    const micros = ((performance.now() - started) * 1000) / (updates.length - 1);
    const length = await room.ready.then(() => paragraphLength(room.doc));
    if (length !== PARAGRAPH.length + UPDATES) throw new Error(`${setting}: ${length - PARAGRAPH.length} of ${UPDATES} keystrokes landed`);
    figures.push(`${setting} ${micros.toFixed(1)}`);
    room.leave(sender);
    await room.gone;
  }
  console.log(`round ${round}: µs per keystroke through DraftRoom.receive, ${CLAUSES} clauses: ${figures.join(', ')}`);
}
process.exit(0);

function paragraphLength(doc: Y.Doc): number {
  const clause = readOrderedClauses(doc).find((c) => c.id === target)!;
  return ((clause.body.get(0) as Y.XmlElement).get(0) as Y.XmlText).length;
}

/** One update per character typed at the end of the middle clause's first paragraph, proposed or plain. */
function keystrokes(proposing: boolean): Uint8Array[] {
  const writer = new Y.Doc();
  writer.clientID = WRITER;
  Y.applyUpdate(writer, seedUpdate);
  const text = (
    readOrderedClauses(writer)
      .find((c) => c.id === target)!
      .body.get(0) as Y.XmlElement
  ).get(0) as Y.XmlText;
  const out: Uint8Array[] = [];
  for (let i = 0; i < UPDATES; i += 1) {
    const before = Y.encodeStateVector(writer);
    const attributes = proposing ? { [INSERTION_MARK]: { id: 'benchProposal001', delegation: DELEGATION } } : {};
    text.insert(text.length, 'abcdefghijklmnopqrstuvwxyz'[i % 26]!, attributes);
    out.push(Y.encodeStateAsUpdate(writer, before));
  }
  return out;
}

function client(): RoomClient {
  return {
    member: { id: 'bench-user', name: 'Bench', role: 'delegate', delegation: 'Bench', delegationId: DELEGATION, readOnly: false },
    sync: { declared: new Map(), answered: true },
    speaksFor: () => false,
    end: (code, reason) => {
      console.error(`the bench delegate was refused: ${code} ${reason}`);
      process.exit(1);
    },
  };
}

/** A room with the sender in it from the start (a room nobody uses starts to unload as soon as it is loaded). */
async function openRoom(mode: EditingMode, locked: string[], sender: RoomClient): Promise<DraftRoom> {
  const room = new DraftRoom({
    draftId: 'bench',
    maxHeldBytes: COLLAB_LIMITS.maxHeldBytesPerDraft,
    log: silent,
    onGone: () => undefined,
    extensions: [
      amendmentsExtension({
        editingModeOf: async () => mode,
        lockedClausesOf: async () => locked,
        decidedProposalIds: async () => new Set(),
        subscribeAll: () => () => undefined,
        proposalsMade: () => undefined,
        log: silent,
      }),
      negotiationExtension({
        bracketsChanged: () => undefined,
        optionsAdded: () => undefined,
        countsMayHaveChanged: () => undefined,
        log: silent,
      }),
    ],
    storage: {
      load: async (_draftId, doc) => {
        Y.applyUpdate(doc, seedUpdate);
        return { clientIdOwners: [{ clientId: WRITER, memberId: 'bench-user' }] };
      },
      addClientIdOwners: async () => undefined,
      store: async () => undefined,
      unload: async () => undefined,
    },
  });
  room.join(sender);
  await room.ready;
  return room;
}
