import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftPaths } from '../../../server/storage/DraftPaths.js';
import { FileDocumentStore } from '../../../server/storage/FileDocumentStore.js';
import { newDraftId } from '../../unit/storage/documentStoreContract.js';
import { seeded } from '../../helpers/seeded.js';
import { tempDataDir } from '../../unit/storage/tempDataDir.js';
import { expectedText, textOf } from '../../unit/storage/textEdits.js';

const CHILD = path.join(import.meta.dirname, 'appendLoopChild.ts');
const TRIALS = 8;
const SEED = 20260105;

interface Trial {
  acked: number[];
  stderr: string;
}

/** Starts the child, lets it append for `runMs` after it is ready, then kills it with SIGKILL. */
async function appendThenKill(dataDir: string, draftId: string, runMs: number): Promise<Trial> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, draftId], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.startsWith('ready\n')) resolve();
    });
    void exited.then((how) => reject(new Error(`the child exited (${how}) before it was ready: ${stderr}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, runMs));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  // Only whole lines count: a line cut by the kill was never fully acknowledged.
  const acked = stdout
    .split('\n')
    .slice(0, -1)
    .filter((line) => line.startsWith('ack '))
    .map((line) => Number(line.slice(4)));
  return { acked, stderr };
}

describe('FileDocumentStore under kill -9', () => {
  it('keeps every acknowledged update, once, when the writing process is killed at a random moment', async () => {
    const random = seeded(SEED);
    const started = Date.now();
    for (let trial = 0; trial < TRIALS; trial++) {
      const dataDir = await tempDataDir();
      const draftId = newDraftId();
      const runMs = 20 + Math.floor(random() * 400);
      const { acked, stderr } = await appendThenKill(dataDir, draftId, runMs);
      const context = `trial ${trial} (seed ${SEED}, killed after ${runMs} ms, ${acked.length} acks)`;
      expect(stderr, context).toBe('');
      expect(acked.length, context).toBeGreaterThan(0);

      const warnings: string[] = [];
      const store = await FileDocumentStore.open(dataDir, { warn: (m) => warnings.push(m) });
      const loaded = await store.load(draftId);
      const text = textOf(loaded);
      const count = (text.match(/\[\d+\]/g) ?? []).length;
      // Exactly the first `count` edits, each once; it covers every acknowledged one.
      expect(text, context).toBe(expectedText(count));
      expect(count, context).toBeGreaterThan(Math.max(...acked));

      // The recovered log takes new appends and loads them back.
      const doc = new Y.Doc();
      for (const update of loaded) Y.applyUpdate(doc, update);
      const known = Y.encodeStateVector(doc);
      doc.getText('t').insert(doc.getText('t').length, `[${count}]`);
      await store.append(draftId, Y.encodeStateAsUpdate(doc, known));
      await store.release(draftId);
      expect(textOf(await store.load(draftId)), context).toBe(expectedText(count + 1));
      await store.close();
      // A kill cannot tear a write the kernel already took, but it may interrupt a large one: either is fine.
      if (warnings.length > 0) console.info(`[kill -9] ${context}: ${warnings.join('; ')}`);
      const compacted = existsSync(draftPaths(dataDir, draftId).snapshot) ? 'with a snapshot' : 'log only';
      console.info(`[kill -9] ${context}: ${count} edits on disk, ${compacted}`);
    }
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);
});
