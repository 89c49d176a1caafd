import { describe, expect, it } from 'vitest';
import { eventually, starterDraftId, type CollabClient } from '../../helpers/collabClient.js';
import { openDraftAs, twoProcesses } from '../../helpers/scaleOut.js';

/** The names another client sees present in the draft (the server's record of each member, never the client's claim). */
function namesSeenBy(client: CollabClient): string[] {
  return [...client.provider.awareness.getStates()]
    .filter(([id]) => id !== client.doc.clientID)
    .map(([, state]) => (state.user as { name?: string } | undefined)?.name ?? '?')
    .sort();
}

describe('presence across processes', () => {
  it('shows a member present on one process to the pages of another, bound to the server’s record, and drops it when its process stops', async () => {
    const [a, b] = await twoProcesses();
    const draftId = await starterDraftId(a);
    const onB = await openDraftAs(b, draftId, 'dk@example.org');
    const onA = await openDraftAs(a, draftId, 'us@example.org');
    onA.provider.awareness.setLocalStateField('user', { name: 'Somebody Else', color: '#123456' });
    onA.provider.awareness.setLocalStateField('cursor', { anchor: 1 });
    await eventually(() => namesSeenBy(onB).includes('James Carter'), 'the US delegate’s presence to reach the page on B', 4000);
    expect(namesSeenBy(onB)).not.toContain('Somebody Else');
    // B's own member reaches A's page too.
    onB.provider.awareness.setLocalStateField('cursor', { anchor: 2 });
    await eventually(() => namesSeenBy(onA).length === 1 && namesSeenBy(onA)[0] !== 'James Carter', 'Denmark’s presence to reach A', 4000);

    // A stops (its sockets close): its member disappears from B's page within seconds.
    onA.destroy();
    await a.close();
    await eventually(() => !namesSeenBy(onB).includes('James Carter'), 'the presence of a stopped process to go', 8000);
  });
});
