import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeAnchorPosition } from '../../../shared/comments/commentAnchor.js';
import { addClause } from '../../../shared/doc/addClause.js';
import { deleteClause } from '../../../shared/doc/deleteClause.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { isPassagePresent } from '../../../client/comments/isPassagePresent.js';

function clauseWith(paragraphs: string[]) {
  const doc = new Y.Doc();
  const id = addClause(doc, { kind: 'operative', paragraphs });
  const clause = readOrderedClauses(doc).find((c) => c.id === id)!;
  const text = (index: number) => (clause.body.get(index) as Y.XmlElement).get(0) as Y.XmlText;
  return { doc, id, text };
}

/** An anchor as the editor makes it: the start tied to the first character, the end to the last. */
function anchor(startText: Y.XmlText, start: number, endText: Y.XmlText, end: number) {
  return {
    start: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(startText, start, 0)),
    end: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(endText, end, -1)),
    quote: 'quoted',
  };
}

describe('isPassagePresent, whether a quoted passage is still in its clause', () => {
  it('holds while the passage is there, also when it spans paragraphs and others edit around it', () => {
    const { doc, id, text } = clauseWith(['Subscribing States will take into account the risk.', 'Second paragraph.']);
    const inOne = anchor(text(0), 24, text(0), 41);
    const acrossTwo = anchor(text(0), 42, text(1), 6);
    expect(isPassagePresent(doc, id, inOne)).toBe(true);
    expect(isPassagePresent(doc, id, acrossTwo)).toBe(true);
    text(0).insert(0, 'All ');
    text(0).delete(30, 5);
    expect(isPassagePresent(doc, id, inOne)).toBe(true);
  });

  it('fails once the whole passage or its paragraph is deleted, but not when the clause only leaves the reading order', () => {
    const { doc, id, text } = clauseWith(['Subscribing States will take into account the risk.', 'Second paragraph.']);
    const passage = anchor(text(0), 24, text(0), 41);
    const secondParagraph = anchor(text(1), 0, text(1), 6);
    text(0).delete(24, 17);
    expect(isPassagePresent(doc, id, passage)).toBe(false);
    readOrderedClauses(doc)
      .find((c) => c.id === id)!
      .body.delete(1, 1);
    expect(isPassagePresent(doc, id, secondParagraph)).toBe(false);
    const kept = anchor(text(0), 0, text(0), 11);
    expect(isPassagePresent(doc, id, kept)).toBe(true);
    deleteClause(doc, id);
    expect(isPassagePresent(doc, id, kept)).toBe(true);
  });
});
