import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addClause } from '../../../shared/doc/addClause.js';
import { deleteClause } from '../../../shared/doc/deleteClause.js';
import { moveClause } from '../../../shared/doc/moveClause.js';
import { cleanNumbering, insertionSuffix, numberClauses, type NumberingBase } from '../../../shared/doc/numberClauses.js';
import { addOption, optionGroupOf, settleOption } from '../../../shared/doc/options.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import type { ClauseKind } from '../../../shared/doc/schema.js';

/**
 * A small negotiation in a real Y.Doc: clauses are named by their heading, added at increasing times (addedAt),
 * and "published" by taking the clean numbering of the text as the next base, as VersionService does.
 */
class Negotiation {
  readonly doc = new Y.Doc();
  private clock = 1_000;
  private base: NumberingBase | null = null;
  private readonly ids = new Map<string, string>();

  add(name: string, kind: ClauseKind, placement: { after?: string; before?: string } = {}): string {
    const where = placement.after ? { after: this.id(placement.after) } : placement.before ? { before: this.id(placement.before) } : {};
    const id = addClause(this.doc, { kind, heading: name, addedAt: (this.clock += 10), ...where });
    this.ids.set(name, id);
    return id;
  }

  option(name: string, of: string, noText = false): string {
    this.clock += 10;
    const id = addOption(this.doc, this.id(of), { heading: name, noText })!;
    // addOption stamps Date.now(); restamp so the test controls the order of addition.
    this.doc.transact(() =>
      readOrderedClauses(this.doc)
        .find((c) => c.id === id)!
        .map.set('addedAt', this.clock),
    );
    this.ids.set(name, id);
    return id;
  }

  id(name: string): string {
    const id = this.ids.get(name);
    if (!id) throw new Error(`no clause named ${name}`);
    return id;
  }

  publish(): void {
    this.base = cleanNumbering(readOrderedClauses(this.doc));
  }

  /** "number heading" for every clause in reading order (sections as "- heading"). */
  numbers(): string[] {
    return numberClauses(readOrderedClauses(this.doc), this.base).map((c) => `${c.number ?? '-'} ${c.heading.toString()}`);
  }
}

function fourOps(): Negotiation {
  const n = new Negotiation();
  n.add('recital', 'preambular');
  n.add('a', 'operative');
  n.add('b', 'operative');
  n.add('c', 'operative');
  n.add('d', 'operative');
  return n;
}

describe('stable numbering between publications', () => {
  it('numbers cleanly before anything is published, renumbering on every change', () => {
    const n = fourOps();
    n.add('new', 'operative', { after: 'a' });
    expect(n.numbers()).toEqual(['PP1 recital', 'OP1 a', 'OP2 new', 'OP3 b', 'OP4 c', 'OP5 d']);
  });

  it('names a clause inserted after OP3 OP3bis and the next one inserted there OP3ter, whatever their order', () => {
    const n = fourOps();
    n.publish();
    n.add('first insert', 'operative', { after: 'c' });
    expect(n.numbers()).toEqual(['PP1 recital', 'OP1 a', 'OP2 b', 'OP3 c', 'OP3bis first insert', 'OP4 d']);
    // Inserted directly after OP3 too, so it reads before OP3bis: it is still the second one added.
    n.add('second insert', 'operative', { after: 'c' });
    expect(n.numbers()).toEqual(['PP1 recital', 'OP1 a', 'OP2 b', 'OP3 c', 'OP3ter second insert', 'OP3bis first insert', 'OP4 d']);
  });

  it('keeps the numbers of deleted clauses unused until the next publication, which renumbers cleanly', () => {
    const n = fourOps();
    n.publish();
    deleteClause(n.doc, n.id('b'));
    n.add('after a', 'operative', { after: 'a' });
    expect(n.numbers()).toEqual(['PP1 recital', 'OP1 a', 'OP1bis after a', 'OP3 c', 'OP4 d']);
    n.publish();
    expect(n.numbers()).toEqual(['PP1 recital', 'OP1 a', 'OP2 after a', 'OP3 c', 'OP4 d']);
  });

  it('lets a moved clause keep its number and numbers later insertions after the clause they follow', () => {
    const n = fourOps();
    n.publish();
    moveClause(n.doc, n.id('a'), {});
    n.add('tail', 'operative', {});
    expect(n.numbers()).toEqual(['PP1 recital', 'OP2 b', 'OP3 c', 'OP4 d', 'OP1 a', 'OP1bis tail']);
  });

  it('counts a clause added before the first published clause of its kind from zero, each kind on its own', () => {
    const n = fourOps();
    n.publish();
    n.add('very first', 'operative', { before: 'a' });
    n.add('second recital', 'preambular', { after: 'recital' });
    expect(n.numbers()).toEqual(['PP1 recital', 'PP1bis second recital', 'OP0bis very first', 'OP1 a', 'OP2 b', 'OP3 c', 'OP4 d']);
  });

  it('treats a clause whose kind changed as new to its new kind', () => {
    const n = fourOps();
    n.publish();
    n.doc.transact(() =>
      readOrderedClauses(n.doc)
        .find((c) => c.id === n.id('b'))!
        .map.set('kind', 'preambular'),
    );
    expect(n.numbers()).toEqual(['PP1 recital', 'OP1 a', 'PP1bis b', 'OP3 c', 'OP4 d']);
  });

  it('goes on past the Latin suffixes without repeating a number', () => {
    expect([0, 1, 8, 18, 19, 20].map(insertionSuffix)).toEqual(['bis', 'ter', 'decies', 'vicies', '-21', '-22']);
    const n = fourOps();
    n.publish();
    for (let i = 0; i < 25; i += 1) n.add(`x${i}`, 'operative', { after: 'd' });
    const numbers = n.numbers();
    expect(new Set(numbers.map((s) => s.split(' ')[0])).size).toBe(numbers.length);
  });

  it('carries numbers over three publication cycles with insertions, deletions and moves', () => {
    const n = fourOps();
    n.publish();
    n.add('e', 'operative', { after: 'b' });
    deleteClause(n.doc, n.id('c'));
    expect(n.numbers()).toEqual(['PP1 recital', 'OP1 a', 'OP2 b', 'OP2bis e', 'OP4 d']);
    n.publish();
    expect(n.numbers()).toEqual(['PP1 recital', 'OP1 a', 'OP2 b', 'OP3 e', 'OP4 d']);
    moveClause(n.doc, n.id('d'), { before: n.id('a') });
    n.add('f', 'operative', { after: 'd' });
    expect(n.numbers()).toEqual(['PP1 recital', 'OP4 d', 'OP4bis f', 'OP1 a', 'OP2 b', 'OP3 e']);
    n.publish();
    expect(n.numbers()).toEqual(['PP1 recital', 'OP1 d', 'OP2 f', 'OP3 a', 'OP4 b', 'OP5 e']);
  });
});

describe('options', () => {
  it('numbers alternatives after their first option, PP5alt then PP5alt2, and does not count them', () => {
    const n = new Negotiation();
    for (const name of ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']) n.add(name, 'preambular');
    n.option('alt one', 'p5');
    n.option('alt two', 'p5');
    const numbered = numberClauses(readOrderedClauses(n.doc));
    expect(numbered.map((c) => `${c.number} ${c.heading.toString()}`)).toEqual([
      'PP1 p1',
      'PP2 p2',
      'PP3 p3',
      'PP4 p4',
      'PP5 p5',
      'PP5alt alt one',
      'PP5alt2 alt two',
      'PP6 p6',
    ]);
    expect(numbered.filter((c) => c.option).map((c) => [c.heading.toString(), c.option!.index, c.option!.count])).toEqual([
      ['p5', 1, 3],
      ['alt one', 2, 3],
      ['alt two', 3, 3],
    ]);
  });

  it('puts an option of an alternative into the same group, after the group', () => {
    const n = fourOps();
    n.option('alt', 'b');
    n.option('no text', 'alt', true);
    expect(optionGroupOf(n.doc, n.id('no text'))).toEqual([n.id('b'), n.id('alt'), n.id('no text')]);
    expect(n.numbers()).toEqual(['PP1 recital', 'OP1 a', 'OP2 b', 'OP2alt alt', 'OP2alt2 no text', 'OP3 c', 'OP4 d']);
  });

  it('settles on an alternative: the others leave the text and the kept one takes over the published number', () => {
    const n = fourOps();
    n.option('alt', 'b');
    n.publish();
    expect(n.numbers()).toEqual(['PP1 recital', 'OP1 a', 'OP2 b', 'OP2alt alt', 'OP3 c', 'OP4 d']);
    expect(settleOption(n.doc, n.id('alt'))).toBe(true);
    expect(n.numbers()).toEqual(['PP1 recital', 'OP1 a', 'OP2 alt', 'OP3 c', 'OP4 d']);
    expect(optionGroupOf(n.doc, n.id('alt'))).toBeNull();
  });

  it('settles on "no text" by removing the whole clause, and refuses a clause that has no options', () => {
    const n = fourOps();
    n.option('nothing', 'c', true);
    expect(settleOption(n.doc, n.id('a'))).toBe(false);
    expect(settleOption(n.doc, n.id('nothing'))).toBe(true);
    expect(n.numbers()).toEqual(['PP1 recital', 'OP1 a', 'OP2 b', 'OP3 d']);
  });

  it('settles on the first option by dropping the alternatives', () => {
    const n = fourOps();
    n.option('alt', 'a');
    expect(settleOption(n.doc, n.id('a'))).toBe(true);
    expect(n.numbers()).toEqual(['PP1 recital', 'OP1 a', 'OP2 b', 'OP3 c', 'OP4 d']);
  });

  it('ignores an alternativeTo that points nowhere or in a circle', () => {
    const n = fourOps();
    n.doc.transact(() => {
      const clauses = readOrderedClauses(n.doc);
      clauses.find((c) => c.id === n.id('a'))!.map.set('alternativeTo', 'missingClause000');
      clauses.find((c) => c.id === n.id('b'))!.map.set('alternativeTo', n.id('c'));
      clauses.find((c) => c.id === n.id('c'))!.map.set('alternativeTo', n.id('b'));
    });
    expect(n.numbers()).toEqual(['PP1 recital', 'OP1 a', 'OP2 b', 'OP3 c', 'OP4 d']);
  });
});
