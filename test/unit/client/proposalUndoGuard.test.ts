import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { acceptedBodyText, onAcceptedTextChangedElsewhere } from '../../../client/editor/useProposalUndoGuard.js';
import { decideInBody } from '../../../shared/amendments/decideProposals.js';
import { acceptedText } from '../../../shared/amendments/proposals.js';

const OWN = Symbol('this page');

/** A clause body with one paragraph, as TipTap writes it, in a document of its own. */
function body(doc: Y.Doc): { fragment: Y.XmlFragment; text: () => Y.XmlText } {
  const fragment = doc.getXmlFragment('body');
  return { fragment, text: () => (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText };
}

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'remote');
}

describe('undo of proposals after a decision (useProposalUndoGuard)', () => {
  it('sees the secretariat accepting a proposal, after which undo would delete accepted text', () => {
    const member = new Y.Doc();
    const secretariat = new Y.Doc();
    const mine = body(member);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('States act.')]);
    mine.fragment.insert(0, [paragraph]);
    sync(member, secretariat);
    const undo = new Y.UndoManager(mine.fragment, { trackedOrigins: new Set([OWN]) });
    member.transact(() => mine.text().insert(7, 'will ', { insertion: { id: 'usProposal000001', delegation: 'dlg-us' } }), OWN);
    sync(member, secretariat);

    let seen = 0;
    onAcceptedTextChangedElsewhere(mine.fragment, () => (seen += 1));
    secretariat.transact(() => decideInBody(body(secretariat).fragment, new Set(['usProposal000001']), 'accept'));
    sync(secretariat, member);
    expect(seen).toBe(1);
    expect(acceptedBodyText(mine.fragment)).toBe('States will act.');
    expect(acceptedText(mine.text())).toBe('States will act.');

    // Undo as it stands would take the now accepted words out: a direct edit the server refuses.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(member));
    undo.undo();
    expect(acceptedText(mine.text())).toBe('States act.');
    // Hence the guard clears the history instead, and undo then leaves the decision alone.
    const kept = body(copy);
    const guarded = new Y.UndoManager(kept.fragment, { trackedOrigins: new Set([OWN]) });
    guarded.clear();
    guarded.undo();
    expect(acceptedText(kept.text())).toBe('States will act.');
  });

  it('ignores others’ typing and proposing, which leave this member’s undo history as it is', () => {
    const member = new Y.Doc();
    const other = new Y.Doc();
    const mine = body(member);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('States act.')]);
    mine.fragment.insert(0, [paragraph]);
    sync(member, other);
    let seen = 0;
    onAcceptedTextChangedElsewhere(mine.fragment, () => (seen += 1));
    const theirs = body(other).text();
    other.transact(() => theirs.insert(7, 'firmly ', { insertion: { id: 'noProposal000001', delegation: 'dlg-no' } }));
    sync(other, member);
    other.transact(() => theirs.format(0, 6, { deletion: { id: 'noProposal000002', delegation: 'dlg-no' } }));
    sync(other, member);
    other.transact(() => theirs.delete(7, 7));
    sync(other, member);
    expect(seen).toBe(0);
  });
});
