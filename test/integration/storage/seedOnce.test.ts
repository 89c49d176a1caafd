import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { createDocumentStorage } from '../../../server/rooms/documentStorage.js';
import { SeqTracker } from '../../../server/scaleout/SeqTracker.js';
import { SharedDocumentStore } from '../../../server/scaleout/SharedDocumentStore.js';
import { PgDocumentStore } from '../../../server/storage/postgres/PgDocumentStore.js';
import { migratedPool, poolOn, urlOf } from '../../helpers/migratedPool.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const SEED = {
  title: 'New draft',
  clauses: [
    { kind: 'preambular' as const, heading: '', paragraphs: ['Recognising that a seed is written once,'] },
    { kind: 'operative' as const, heading: '', paragraphs: ['Subscribing States will open drafts together.'] },
  ],
};

/** One process's document storage on the shared database. */
function processOn(pool: Awaited<ReturnType<typeof migratedPool>>) {
  const documents = new SharedDocumentStore(new PgDocumentStore(pool), new SeqTracker());
  return { documents, storage: createDocumentStorage({ documents, seedFor: async () => SEED, log: quiet, shared: true }) };
}

describe('seeding a new draft with several processes', () => {
  it('stores exactly one seed when processes load a new draft at the same moment, and each gets that one', async () => {
    const pool = await migratedPool();
    const processes = [processOn(pool), processOn(poolOn(urlOf(pool))), processOn(poolOn(urlOf(pool)))];
    for (let round = 0; round < 5; round += 1) {
      const draftId = `seedOnceDraft${String(round).padStart(3, '0')}`;
      const docs = processes.map(() => new Y.Doc());
      await Promise.all(processes.map(({ storage }, i) => storage.load(draftId, docs[i]!)));
      for (const doc of docs) expect(readOrderedClauses(doc).map((c) => c.kind)).toEqual(['preambular', 'operative']);
      const state = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc)).toString('hex');
      expect(new Set(docs.map(state)).size).toBe(1);
      const { rows } = await pool.query('SELECT seq FROM draft_updates WHERE draft_id = $1', [draftId]);
      expect(rows).toHaveLength(1);
    }
  });
});
