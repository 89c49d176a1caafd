/**
 * Child process of killDuringAppends.test.ts: appends real Yjs updates to one draft as fast as the
 * store takes them (several in flight, so they group-commit), compacts now and then, and prints
 * `ack <n>` for every append whose promise resolved. Runs until it is killed.
 * Usage: node --import tsx appendLoopChild.ts <dataDir> <draftId>
 */
import * as Y from 'yjs';
import { FileDocumentStore } from '../../../server/storage/FileDocumentStore.js';
import { textEdits } from '../../unit/storage/textEdits.js';

const IN_FLIGHT = 8;
const COMPACT_EVERY = 97;

const [dataDir, draftId] = process.argv.slice(2);
if (!dataDir || !draftId) throw new Error('usage: appendLoopChild.ts <dataDir> <draftId>');

const fail = (error: unknown) => {
  console.error(error);
  process.exit(1);
};

const store = await FileDocumentStore.open(dataDir, { warn: (m) => console.error(m) });
const edits = textEdits();
for (const update of await store.load(draftId)) Y.applyUpdate(edits.doc, update);
if (edits.doc.getText('t').length > 0) fail(new Error('the child expects an empty draft'));

let inFlight = 0;
const pump = (): void => {
  while (inFlight < IN_FLIGHT) {
    const seq = edits.updates.length;
    const update = edits.next();
    inFlight += 1;
    store.append(draftId, update).then(() => {
      inFlight -= 1;
      // Writes to a pipe are synchronous on Linux: once this returns, the parent will see the line.
      process.stdout.write(`ack ${seq}\n`);
      setImmediate(pump);
    }, fail);
    if (seq % COMPACT_EVERY === COMPACT_EVERY - 1) store.compact(draftId, Y.encodeStateAsUpdate(edits.doc)).catch(fail);
  }
};
process.stdout.write('ready\n');
pump();
