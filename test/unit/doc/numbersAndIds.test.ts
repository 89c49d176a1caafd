import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addClause } from '../../../shared/doc/addClause.js';
import { moveClause } from '../../../shared/doc/moveClause.js';
import { newClauseId } from '../../../shared/doc/newClauseId.js';
import { numberClauses } from '../../../shared/doc/numberClauses.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { isId } from '../../../shared/ids.js';

describe('numberClauses', () => {
  it('numbers preambular and operative clauses separately in reading order and leaves sections unnumbered', () => {
    const kinds = ['section', 'preambular', 'preambular', 'section', 'operative', 'preambular', 'operative'] as const;
    expect(numberClauses(kinds.map((kind) => ({ kind }))).map((c) => c.number)).toEqual([null, 'PP1', 'PP2', null, 'OP1', 'PP3', 'OP2']);
  });

  it('renumbers after a move because numbers are derived, not stored', () => {
    const doc = new Y.Doc();
    const first = addClause(doc, { kind: 'operative', heading: 'first' });
    addClause(doc, { kind: 'operative', heading: 'second' });
    moveClause(doc, first, {});
    const numbered = numberClauses(readOrderedClauses(doc)).map((c) => `${c.number} ${c.heading.toString()}`);
    expect(numbered).toEqual(['OP1 second', 'OP2 first']);
  });
});

describe('newClauseId', () => {
  it('makes 16-character URL-safe ids that pass the shared id pattern and do not repeat', () => {
    const made = Array.from({ length: 2000 }, () => newClauseId());
    expect(made.every(isId)).toBe(true);
    expect(new Set(made).size).toBe(made.length);
  });

  it('uses the whole alphabet, so the ids carry their full 96 bits', () => {
    const chars = new Set(Array.from({ length: 500 }, () => newClauseId()).join(''));
    expect(chars.size).toBe(64);
  });
});
