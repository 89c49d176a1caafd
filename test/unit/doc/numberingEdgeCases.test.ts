import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addClause } from '../../../shared/doc/addClause.js';
import { deleteClause } from '../../../shared/doc/deleteClause.js';
import { cleanNumbering, numberClauses, type NumberingBase } from '../../../shared/doc/numberClauses.js';
import { addOption, optionGroupOf, settleOption } from '../../../shared/doc/options.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { getOrder } from '../../../shared/doc/schema.js';
import { countNegotiation } from '../../../shared/negotiation/counts.js';

/** Four operative clauses a, b, c, d; options are named by their heading and added at increasing times. */
function draft() {
  const doc = new Y.Doc();
  let clock = 1_000;
  const ids = new Map<string, string>();
  for (const name of ['a', 'b', 'c', 'd']) ids.set(name, addClause(doc, { kind: 'operative', heading: name, addedAt: (clock += 10) }));
  const id = (name: string) => ids.get(name)!;
  return {
    doc,
    id,
    option(name: string, of: string, noText = false): string {
      const added = addOption(doc, id(of), { heading: name, noText })!;
      doc.transact(() =>
        readOrderedClauses(doc)
          .find((c) => c.id === added)!
          .map.set('addedAt', (clock += 10)),
      );
      ids.set(name, added);
      return added;
    },
    publish: (): NumberingBase => cleanNumbering(readOrderedClauses(doc)),
    numbers: (base: NumberingBase | null) =>
      numberClauses(readOrderedClauses(doc), base).map((c) => `${c.number ?? '-'} ${c.heading.toString()}`),
  };
}

describe('numbering: settling twice between publications', () => {
  it('lets a clause settled from a clause that was itself settled keep the published number', () => {
    const n = draft();
    const base = n.publish();
    n.option('alt', 'b');
    settleOption(n.doc, n.id('alt'));
    expect(n.numbers(base)).toEqual(['OP1 a', 'OP2 alt', 'OP3 c', 'OP4 d']);
    n.option('alt2', 'alt');
    settleOption(n.doc, n.id('alt2'));
    expect(n.numbers(base)).toEqual(['OP1 a', 'OP2 alt2', 'OP3 c', 'OP4 d']);
  });

  it('does so when the first kept option was published as an alternative (OP2alt)', () => {
    const n = draft();
    n.option('alt', 'b');
    const base = n.publish();
    expect(n.numbers(base)).toEqual(['OP1 a', 'OP2 b', 'OP2alt alt', 'OP3 c', 'OP4 d']);
    settleOption(n.doc, n.id('alt'));
    n.option('alt2', 'alt');
    settleOption(n.doc, n.id('alt2'));
    expect(n.numbers(base)).toEqual(['OP1 a', 'OP2 alt2', 'OP3 c', 'OP4 d']);
  });

  it('lets a clause published after it was settled keep its own new number when settled again', () => {
    const n = draft();
    n.option('alt', 'a');
    settleOption(n.doc, n.id('alt'));
    deleteClause(n.doc, n.id('b'));
    const base = n.publish();
    expect(n.numbers(base)).toEqual(['OP1 alt', 'OP2 c', 'OP3 d']);
    n.option('alt2', 'c');
    settleOption(n.doc, n.id('alt2'));
    expect(n.numbers(base)).toEqual(['OP1 alt', 'OP2 alt2', 'OP3 d']);
  });
});

describe('numbering: a group whose first option left the text', () => {
  it('keeps the other options together, led by the first one added, which takes over the number', () => {
    const n = draft();
    n.option('alt', 'b');
    n.option('alt2', 'b');
    const base = n.publish();
    deleteClause(n.doc, n.id('b'));
    expect(n.numbers(base)).toEqual(['OP1 a', 'OP2 alt', 'OP2alt alt2', 'OP3 c', 'OP4 d']);
    expect(n.numbers(null)).toEqual(['OP1 a', 'OP2 alt', 'OP2alt alt2', 'OP3 c', 'OP4 d']);
    expect(optionGroupOf(n.doc, n.id('alt2'))).toEqual([n.id('alt'), n.id('alt2')]);
    expect(countNegotiation(n.doc).options).toBe(2);
  });

  it('lets such a group take another option and be settled, the kept option keeping the number', () => {
    const n = draft();
    n.option('alt', 'b');
    n.option('no text', 'b', true);
    const base = n.publish();
    deleteClause(n.doc, n.id('b'));
    n.option('alt3', 'no text');
    expect(optionGroupOf(n.doc, n.id('alt3'))).toEqual([n.id('alt'), n.id('no text'), n.id('alt3')]);
    expect(n.numbers(base)).toEqual(['OP1 a', 'OP2 alt', 'OP2alt no text', 'OP2alt2 alt3', 'OP3 c', 'OP4 d']);
    expect(settleOption(n.doc, n.id('alt3'))).toBe(true);
    expect(n.numbers(base)).toEqual(['OP1 a', 'OP2 alt3', 'OP3 c', 'OP4 d']);
  });

  it('numbers a single option left behind as the clause itself, and gives the group back when Option 1 returns', () => {
    const n = draft();
    n.option('alt', 'b');
    const base = n.publish();
    const order = getOrder(n.doc);
    const undo = new Y.UndoManager(order);
    deleteClause(n.doc, n.id('b'));
    expect(n.numbers(base)).toEqual(['OP1 a', 'OP2 alt', 'OP3 c', 'OP4 d']);
    undo.undo();
    expect(n.numbers(base)).toEqual(['OP1 a', 'OP2 b', 'OP2alt alt', 'OP3 c', 'OP4 d']);
  });
});
