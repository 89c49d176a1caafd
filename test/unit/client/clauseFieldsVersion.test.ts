import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { touchesClauseFields } from '../../../client/common/collab/useClauseFieldsVersion.js';
import { addClause } from '../../../shared/doc/addClause.js';
import { addOption } from '../../../shared/doc/options.js';
import { readClause } from '../../../shared/doc/readClause.js';
import { getClauses } from '../../../shared/doc/schema.js';

/** Runs `change` and says whether the outline's numbering would be re-read. */
function rereads(doc: Y.Doc, change: () => void): boolean {
  let seen = false;
  const clauses = getClauses(doc);
  const observer = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => (seen ||= touchesClauseFields(events, clauses));
  clauses.observeDeep(observer);
  change();
  clauses.unobserveDeep(observer);
  return seen;
}

describe('which changes re-read the numbered clause list', () => {
  it('re-reads when clauses come and go or a clause’s own fields change, never for typing', () => {
    const doc = new Y.Doc();
    const id = addClause(doc, { kind: 'operative', heading: 'H', paragraphs: ['Text'] });
    const clause = readClause(doc, id)!;
    const text = (clause.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    expect(rereads(doc, () => text.insert(0, 'More '))).toBe(false);
    expect(rereads(doc, () => text.format(0, 4, { bracket: { delegation: 'someDelegation01' } }))).toBe(false);
    expect(rereads(doc, () => clause.heading.insert(0, 'New '))).toBe(false);
    expect(rereads(doc, () => clause.map.set('kind', 'preambular'))).toBe(true);
    expect(rereads(doc, () => clause.map.set('succeeds', 'someClauseId0001'))).toBe(true);
    expect(rereads(doc, () => addOption(doc, id))).toBe(true);
  });
});
