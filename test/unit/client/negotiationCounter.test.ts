import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { negotiationCounter, type NegotiationCounter } from '../../../client/draft/negotiationCounter.js';
import { addClause } from '../../../shared/doc/addClause.js';
import { deleteClause } from '../../../shared/doc/deleteClause.js';
import { moveClause } from '../../../shared/doc/moveClause.js';
import { addOption, settleOption } from '../../../shared/doc/options.js';
import { readClause } from '../../../shared/doc/readClause.js';
import { BRACKET_MARK, CLAUSE_FIELD, getClauses, getOrder } from '../../../shared/doc/schema.js';
import { countNegotiation } from '../../../shared/negotiation/counts.js';

/** A counter fed by the same observers useNegotiationCounts attaches. */
function observedCounter(doc: Y.Doc): NegotiationCounter {
  const counter = negotiationCounter(doc);
  getClauses(doc).observeDeep((events) => counter.clausesChanged(events));
  getOrder(doc).observe(() => counter.orderChanged());
  return counter;
}

/** The text of a clause's first paragraph (created in an empty one). */
function firstText(doc: Y.Doc, id: string): Y.XmlText {
  const paragraph = readClause(doc, id)!.body.get(0) as Y.XmlElement;
  if (paragraph.length === 0) paragraph.insert(0, [new Y.XmlText()]);
  return paragraph.get(0) as Y.XmlText;
}

describe('negotiationCounter, the counts of the draft page re-read only where the text changed', () => {
  it('agrees with countNegotiation after every kind of change, and re-reads nothing when asked twice', () => {
    const doc = new Y.Doc();
    const ids = ['a', 'b', 'c', 'd'].map((id) =>
      addClause(doc, { id: `clause${id}000000000`, kind: 'operative', paragraphs: ['Subscribing States will cooperate.'] }),
    );
    const [a, b, c, d] = ids as [string, string, string, string];
    const counter = observedCounter(doc);
    const check = () => expect(counter.count()).toEqual(countNegotiation(doc));

    check();
    firstText(doc, a).format(0, 11, { [BRACKET_MARK]: { delegation: 'delegationus00000' } });
    check();
    firstText(doc, a).format(12, 6, { [BRACKET_MARK]: { delegation: 'delegationau00000' } });
    firstText(doc, b).insert(0, 'Also: ', { [BRACKET_MARK]: { delegation: 'delegationno00000' } });
    check();
    firstText(doc, a).format(0, 11, { [BRACKET_MARK]: null });
    check();
    const option = addOption(doc, b)!;
    check();
    addOption(doc, b, { noText: true });
    check();
    firstText(doc, option).insert(0, 'Instead', { [BRACKET_MARK]: { delegation: 'delegationdk00000' } });
    check();
    readClause(doc, option)!.map.set(CLAUSE_FIELD.noText, true);
    check();
    moveClause(doc, d, { before: a });
    deleteClause(doc, c);
    check();
    settleOption(doc, b);
    check();
    readClause(doc, b)!.heading.insert(0, 'Heading');
    check();
    expect(counter.count()).toEqual(counter.count());
  });
});
