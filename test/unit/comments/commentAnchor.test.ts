import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeAnchorPosition, resolveAnchorPosition } from '../../../shared/comments/commentAnchor.js';
import { addClause } from '../../../shared/doc/addClause.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';

function docWithClauses() {
  const doc = new Y.Doc();
  doc.transact(() => {
    addClause(doc, { kind: 'operative', heading: 'One', paragraphs: ['States will consult stakeholders.'] });
    addClause(doc, { kind: 'operative', heading: 'Two', paragraphs: ['States will share information.'] });
  });
  const [first, second] = readOrderedClauses(doc);
  const text = (first!.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  return { doc, first: first!, second: second!, text };
}

describe('comment anchors', () => {
  it('follow the quoted passage when text is inserted before it', () => {
    const { doc, first, text } = docWithClauses();
    const start = encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, 12));
    expect(resolveAnchorPosition(doc, first.id, start)?.index).toBe(12);
    text.insert(0, 'All ');
    expect(resolveAnchorPosition(doc, first.id, start)?.index).toBe(16);
    expect(text.toString().slice(16, 23)).toBe('consult');
  });

  it('still resolve, inside the clause, after the passage was deleted', () => {
    const { doc, first, text } = docWithClauses();
    const start = encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, 12));
    text.delete(5, 20);
    expect(resolveAnchorPosition(doc, first.id, start)).not.toBeNull();
  });

  it('do not resolve against another clause, an unknown clause or garbage', () => {
    const { doc, first, second, text } = docWithClauses();
    const start = encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, 3));
    expect(resolveAnchorPosition(doc, second.id, start)).toBeNull();
    expect(resolveAnchorPosition(doc, 'AAAAAAAAAAAAAAAA', start)).toBeNull();
    for (const junk of ['', 'AAAA', '////', 'not base64!', btoa('\u00ff'.repeat(40))]) {
      expect(resolveAnchorPosition(doc, first.id, junk)).toBeNull();
    }
  });
});
