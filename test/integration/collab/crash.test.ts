import { appendFile, mkdtemp, readFile, stat, truncate } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_SAVED } from '../../../shared/collab/messageTypes.js';
import { encodeSavedSubscribe, readSavedMessage } from '../../../shared/collab/savedProtocol.js';
import { trackSaved } from '../../../shared/collab/trackSaved.js';
import { readParagraphs } from '../../../shared/doc/clauseBody.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { eventually, openCollabClient, type CollabClient } from '../../helpers/collabClient.js';
import { readDraftFromDisk } from '../../helpers/draftDisk.js';
import { ApiClient } from '../../helpers/http.js';
import { seeded } from '../../helpers/seeded.js';
import { spawnServer, type SpawnedServer } from '../../helpers/spawnServer.js';
import { TEST_PASSWORD, type TestServer } from '../../helpers/testServer.js';

/** A free TCP port, so a restarted server comes back where its clients reconnect. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

interface Writer {
  client: CollabClient;
  /** Every marker typed, with the client's clock right after typing it. */
  typed: Array<{ marker: string; clock: number }>;
  /** The highest clock of this client the server has reported durable. */
  savedClock: number;
}

async function startWriter(
  target: TestServer,
  draftId: string,
  cookie: string,
  name: string,
  clauseIndex: number,
): Promise<Writer & { stop(): void }> {
  const client = await openCollabClient(target, { draftId, cookie });
  const writer: Writer = { client, typed: [], savedClock: 0 };
  const { provider, doc } = client;
  provider.messageHandlers[MESSAGE_SAVED] = (_encoder: unknown, decoder: decoding.Decoder) => {
    const clock = readSavedMessage(decoder).stateVector.get(doc.clientID) ?? 0;
    writer.savedClock = Math.max(writer.savedClock, clock);
  };
  provider.on('status', ({ status }: { status: string }) => status === 'connected' && provider.ws?.send(encodeSavedSubscribe()));
  provider.ws?.send(encodeSavedSubscribe());
  const clause = readOrderedClauses(doc).filter((c) => c.kind === 'operative')[clauseIndex]!;
  const text = (clause.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  let n = 0;
  const timer = setInterval(() => {
    const marker = `[${name}-${n++}]`;
    text.insert(text.length, marker);
    writer.typed.push({ marker, clock: Y.getState(doc.store, doc.clientID) });
  }, 4);
  return {
    ...writer,
    get savedClock() {
      return writer.savedClock;
    },
    stop: () => clearInterval(timer),
  };
}

const fullText = (doc: Y.Doc) =>
  readOrderedClauses(doc)
    .flatMap((c) => readParagraphs(c.body))
    .join('\n');

describe('crashes', () => {
  it('kill -9 during continuous edits from several clients loses nothing that was reported saved, and duplicates nothing', async () => {
    const random = seeded(20261128);
    for (let trial = 0; trial < 3; trial++) {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'coc-crash-'));
      const port = await freePort();
      const env = { DATA_DIR: dataDir, PORT: String(port), SEED_PASSWORD: TEST_PASSWORD };
      let server: SpawnedServer = spawnServer(env);
      const url = await server.ready;
      const target = { url, port } as TestServer;
      const api = await new ApiClient(url).signIn('secretariat@example.org', TEST_PASSWORD);
      const draftId = (await api.get('/api/drafts')).body[0].id as string;
      const emails = ['us@example.org', 'au@example.org', 'dk@example.org'];
      const writers = await Promise.all(
        emails.map(async (email, i) =>
          startWriter(target, draftId, (await new ApiClient(url).signIn(email, TEST_PASSWORD)).cookie!, email.slice(0, 2), i),
        ),
      );

      await new Promise((resolve) => setTimeout(resolve, 200 + random() * 800));
      server.child.kill('SIGKILL');
      await server.exited;
      for (const w of writers) w.stop();
      const reportedSaved = writers.flatMap((w) => w.typed.filter((t) => t.clock <= w.savedClock).map((t) => t.marker));
      expect(reportedSaved.length, `trial ${trial}: some edits were reported saved before the kill`).toBeGreaterThan(0);

      const onDisk = fullText(await readDraftFromDisk(dataDir, draftId));
      for (const marker of reportedSaved) expect(onDisk.split(marker).length - 1, `${marker} after kill -9`).toBe(1);

      // Restart on the same port: the clients reconnect, send what was not saved, and everyone converges.
      server = spawnServer(env);
      await server.ready;
      await eventually(
        () => writers.every((w) => w.client.provider.synced && w.client.provider.wsconnected),
        'clients to reconnect',
        10_000,
      );
      const reader = await openCollabClient(target, {
        draftId,
        cookie: (await new ApiClient(url).signIn('no@example.org', TEST_PASSWORD)).cookie!,
      });
      const allTyped = writers.flatMap((w) => w.typed.map((t) => t.marker));
      await eventually(() => allTyped.every((m) => fullText(reader.doc).includes(m)), 'every typed marker to reach the server', 10_000);
      const finalText = fullText(reader.doc);
      for (const marker of allTyped) expect(finalText.split(marker).length - 1, `${marker} duplicated`).toBe(1);
      for (const w of writers) expect(fullText(w.client.doc)).toBe(finalText);
      for (const w of [...writers, { client: reader }]) w.client.destroy();
      server.child.kill('SIGTERM');
      expect((await server.exited).code).toBe(0);
    }
  }, 90_000);

  it('recovers a torn log tail on restart: everything before the tear loads, nothing after it is invented', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'coc-torn-'));
    const env = { DATA_DIR: dataDir, SEED_PASSWORD: TEST_PASSWORD };
    let server = spawnServer(env);
    let url = await server.ready;
    const api = await new ApiClient(url).signIn('us@example.org', TEST_PASSWORD);
    const cookie = api.cookie!;
    const draftId = (await api.get('/api/drafts')).body[0].id as string;
    const client = await openCollabClient({ url, port: Number(new URL(url).port) } as TestServer, { draftId, cookie });
    const clause = readOrderedClauses(client.doc).find((c) => c.kind === 'operative')!;
    const text = (clause.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const tracker = trackSaved(client.provider, () => {});
    text.insert(0, 'FIRST ');
    await eventually(() => tracker.saved, 'FIRST to be saved');
    const log = path.join(dataDir, 'docs', draftId, 'log.bin');
    const sizeAfterFirst = (await stat(log)).size;
    text.insert(0, 'SECOND ');
    await eventually(() => tracker.saved, 'SECOND to be saved');
    client.destroy();
    server.child.kill('SIGKILL');
    await server.exited;

    // Tear the last record in half and add garbage, as a crash in the middle of a write could.
    const fullSize = (await stat(log)).size;
    expect(fullSize).toBeGreaterThan(sizeAfterFirst);
    await truncate(log, sizeAfterFirst + Math.floor((fullSize - sizeAfterFirst) / 2));
    await appendFile(log, Buffer.from([0xde, 0xad, 0xbe, 0xef]));

    server = spawnServer(env);
    url = await server.ready;
    const reader = await openCollabClient({ url, port: Number(new URL(url).port) } as TestServer, { draftId, cookie });
    const body = fullText(reader.doc);
    expect(body).toContain('FIRST Subscribing States will take into account');
    expect(body).not.toContain('SECOND');
    expect(server.output()).toMatch(/cut|torn|dropped/i);
    expect((await readFile(log)).length).toBeLessThan(fullSize);
    reader.destroy();
    server.child.kill('SIGTERM');
    await server.exited;
  }, 30_000);
});
