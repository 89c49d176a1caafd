/**
 * What our room adds per incoming update at the Yjs level, without sockets: S1-shaped updates (10
 * writers appending 17-character markers to paragraphs of `Y.XmlFragment('default')`, as the load
 * generator does) applied (a) to a bare Y.Doc, (b) to a Y.Doc with an 'update' listener (what the
 * y-websocket server does before sending), and (c) through DraftRoom.receive with the app's extensions
 * (decode check, client id check, bracket attribution, counting, outbox, persistence bookkeeping, with a
 * store that does nothing; the batch it queues is sent after the timed loop, and what a frame costs is
 * test/bench/frameCost.ts). Prints µs per update for three rounds; the first round includes warm-up.
 *
 *   npx tsx test/bench/roomApplyCost.ts [--updates 4000]
 */
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { negotiationExtension } from '../../server/domain/negotiation/negotiationExtension.js';
import type { Log } from '../../server/log.js';
import { DraftRoom } from '../../server/rooms/DraftRoom.js';
import type { RoomClient } from '../../server/rooms/RoomClient.js';
import { COLLAB_LIMITS } from '../../shared/collab/limits.js';

const { values } = parseArgs({ options: { updates: { type: 'string', default: '4000' } } });
const updates = generatorUpdates(Number(values.updates));
const silent: Log = { error: () => undefined, warn: () => undefined };

for (let round = 1; round <= 3; round += 1) {
  const bare = perUpdate(
    () => new Y.Doc(),
    (doc, update) => Y.applyUpdate(doc, update),
  );
  const listened = perUpdate(
    () => {
      const doc = new Y.Doc();
      doc.on('update', (update: Uint8Array) => void update);
      return doc;
    },
    (doc, update) => Y.applyUpdate(doc, update),
  );
  const room = await openRoom();
  const sender = client();
  room.join(sender);
  const roomCost = perUpdate(
    () => room,
    (r, update) => r.receive(sender, update, 'update'),
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  console.log(`round ${round}: µs per update: bare Y.Doc ${bare}, with an update listener ${listened}, DraftRoom.receive ${roomCost}`);
}
process.exit(0);

function perUpdate<T>(make: () => T, apply: (target: T, update: Uint8Array) => void): string {
  const target = make();
  const started = performance.now();
  for (const update of updates) apply(target, update);
  return (((performance.now() - started) * 1000) / updates.length).toFixed(1);
}

/** The updates 10 stock clients send while typing markers, as the load generator's writers do. */
function generatorUpdates(count: number): Uint8Array[] {
  const writers = WRITER_CLIENT_IDS.map((clientId) => {
    const writer = new Y.Doc();
    writer.clientID = clientId;
    return writer;
  });
  const hub = new Y.Doc();
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i += 1) {
    const writer = writers[i % writers.length]!;
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(hub, Y.encodeStateVector(writer)));
    const before = Y.encodeStateVector(writer);
    const fragment = writer.getXmlFragment('default');
    writer.transact(() => {
      let paragraph = fragment.length > 0 ? (fragment.get(fragment.length - 1) as Y.XmlElement) : null;
      if (!paragraph || i % 40 === 0) {
        paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText()]);
        fragment.push([paragraph]);
      }
      const text = paragraph.get(0) as Y.XmlText;
      text.insert(text.length, `[${1_800_000_000_000 + i}]`);
    });
    const update = Y.encodeStateAsUpdate(writer, before);
    Y.applyUpdate(hub, update);
    out.push(update);
  }
  return out;
}

/** The writers' client ids, recorded as the bench member's when the room loads (as after their first edit). */
const WRITER_CLIENT_IDS = Array.from({ length: 10 }, (_, i) => 1000 + i);

function client(): RoomClient {
  return {
    member: { id: 'bench-user', name: 'Bench', role: 'delegate', delegation: 'Bench', delegationId: 'bench-delegation', readOnly: false },
    sync: { declared: new Map(), answered: true },
    speaksFor: () => false,
    end: () => undefined,
  };
}

async function openRoom(): Promise<DraftRoom> {
  const room = new DraftRoom({
    draftId: 'bench',
    maxHeldBytes: COLLAB_LIMITS.maxHeldBytesPerDraft,
    log: silent,
    onGone: () => undefined,
    extensions: [
      negotiationExtension({
        bracketsChanged: () => undefined,
        optionsAdded: () => undefined,
        countsMayHaveChanged: () => undefined,
        log: silent,
      }),
    ],
    storage: {
      load: async () => ({ clientIdOwners: WRITER_CLIENT_IDS.map((clientId) => ({ clientId, memberId: 'bench-user' })) }),
      addClientIdOwners: async () => undefined,
      store: async () => undefined,
      unload: async () => undefined,
    },
  });
  room.join(client());
  await room.ready;
  return room;
}
