import { beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { trackOwnSaved } from '../../../client/common/collab/trackOwnSaved.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import {
  eventually,
  openCollabClient,
  registerTeardown,
  signInCookie,
  starterDraftId,
  type CollabClient,
} from '../../helpers/collabClient.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';

let server: TestServer;
let draftId: string;

beforeAll(async () => {
  server = await startTestServer();
  draftId = await starterDraftId(server);
});

/** A delegate's client with the page's saved tracker, recording every answer it gives. */
async function trackedClient(email: string): Promise<{ client: CollabClient; answers: boolean[]; saved: () => boolean }> {
  const client = await openCollabClient(server, { draftId, cookie: await signInCookie(server, email) });
  const answers: boolean[] = [];
  const stop = trackOwnSaved(client.provider, (saved) => answers.push(saved));
  registerTeardown(stop);
  return { client, answers, saved: () => answers.at(-1) ?? true };
}

function firstParagraph(doc: Y.Doc, index: number): Y.XmlText {
  const clause = readOrderedClauses(doc).filter((c) => c.kind === 'operative')[index]!;
  return (clause.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

describe('the page’s saved indicator, driven by the server’s saved messages', () => {
  it('says unsaved at once after a local edit and saved only after the server reports it on disk', async () => {
    const us = await trackedClient('us@example.org');
    firstParagraph(us.client.doc, 0).insert(0, 'Draft: ');
    expect(us.answers).toEqual([false]);
    await eventually(() => us.saved(), 'the insert to be reported saved');
    expect(us.answers).toEqual([false, true]);
  });

  it('waits for the server to report a pure deletion on disk too, though it does not advance the state vector', async () => {
    const us = await trackedClient('us@example.org');
    firstParagraph(us.client.doc, 1).delete(0, 5);
    expect(us.saved()).toBe(false);
    await eventually(() => us.saved(), 'the deletion to be reported saved');
  });

  it('stays "saved" while only other people type', async () => {
    const us = await trackedClient('us@example.org');
    const dk = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'dk@example.org') });
    const text = firstParagraph(dk.doc, 2);
    for (let i = 0; i < 20; i += 1) {
      text.insert(0, 'x');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await eventually(() => firstParagraph(us.client.doc, 2).toString().startsWith('x'.repeat(20)), 'the other edits to arrive');
    expect(us.answers).toEqual([]);
  });
});
