import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addClause } from '../../../shared/doc/addClause.js';
import { deleteClause } from '../../../shared/doc/deleteClause.js';
import { readClause } from '../../../shared/doc/readClause.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { getClauses } from '../../../shared/doc/schema.js';
import { eventually, openCollabClient, signInCookie, starterDraftId, waitForSync } from '../../helpers/collabClient.js';
import { readDraftFromDisk } from '../../helpers/draftDisk.js';
import { startTestServer } from '../../helpers/testServer.js';

const headings = (doc: Y.Doc) => readOrderedClauses(doc).map((c) => c.heading.toString());

describe('a reviewer', () => {
  it('follows along, but their edits leave the document, the other clients and the disk untouched', async () => {
    const server = await startTestServer();
    const draftId = await starterDraftId(server);
    const reviewerCookie = await signInCookie(server, 'reviewer@example.org');
    const usCookie = await signInCookie(server, 'us@example.org');
    const dkCookie = await signInCookie(server, 'dk@example.org');
    const reviewer = await openCollabClient(server, { draftId, cookie: reviewerCookie });
    const delegate = await openCollabClient(server, { draftId, cookie: usCookie });
    const original = headings(delegate.doc);
    const clauseCount = getClauses(delegate.doc).size;

    const target = readOrderedClauses(delegate.doc).find((c) => c.kind === 'operative')!;
    const targetHeading = target.heading.toString();
    readClause(reviewer.doc, target.id)!.heading.insert(0, 'REVIEWER ');
    addClause(reviewer.doc, { kind: 'operative', heading: 'REVIEWER clause' });
    deleteClause(reviewer.doc, readOrderedClauses(reviewer.doc)[1]!.id);
    // The server handles a socket's frames in order: once the reviewer's later presence reached the
    // delegate, the edits before it were handled too.
    reviewer.provider.awareness.setLocalStateField('cursor', { step: 1 });
    await eventually(
      () => delegate.provider.awareness.getStates().get(reviewer.doc.clientID)?.cursor?.step === 1,
      'the reviewer’s presence',
    );
    expect(headings(delegate.doc)).toEqual(original);

    // Reconnecting makes the reviewer send its whole state as sync step 2: dropped as well.
    reviewer.provider.disconnect();
    reviewer.provider.connect();
    await waitForSync(reviewer);
    reviewer.provider.awareness.setLocalStateField('cursor', { step: 2 });
    await eventually(
      () => delegate.provider.awareness.getStates().get(reviewer.doc.clientID)?.cursor?.step === 2,
      'the reviewer’s presence after reconnecting',
    );

    const late = await openCollabClient(server, { draftId, cookie: dkCookie });
    expect(headings(late.doc)).toEqual(original);
    expect(getClauses(late.doc).size).toBe(clauseCount);

    target.heading.insert(0, 'Delegate ');
    await eventually(
      () => readOrderedClauses(reviewer.doc).some((c) => c.heading.toString().includes('Delegate ')),
      'the delegate’s edit to reach the reviewer',
    );

    await server.close();
    const onDisk = await readDraftFromDisk(server.dataDir, draftId);
    expect(headings(onDisk).join('|')).not.toContain('REVIEWER');
    expect(headings(onDisk)).toContain(`Delegate ${targetHeading}`);
    expect(getClauses(onDisk).size).toBe(clauseCount);
  });
});
