import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { forgeUpdate, type ForgedRun } from '../../helpers/forgedUpdates.js';
import { checkClientUpdate, type UpdateCheckContext, type UpdateVerdict } from '../../../server/rooms/checkClientUpdate.js';
import { SERVER_OWNER } from '../../../server/rooms/ClientIdOwners.js';

const ME = 'member-me';
const OTHER = 'member-other';
/** Client ids and where they stand in the room's document. */
const MINE = 10;
const THEIRS = 20;
const SERVERS = 30;
const NOBODYS = 40;
const NEW = 50;
const STATE = new Map([
  [MINE, 5],
  [THEIRS, 7],
  [SERVERS, 3],
  [NOBODYS, 2],
]);
const OWNERS = new Map([
  [MINE, ME],
  [THEIRS, OTHER],
  [SERVERS, SERVER_OWNER],
]);

function context(overrides: Partial<UpdateCheckContext> = {}): UpdateCheckContext {
  return {
    memberId: ME,
    kind: 'update',
    ownerOf: (id) => OWNERS.get(id),
    reservedElsewhere: () => false,
    usedElsewhere: () => false,
    stateOf: (id) => STATE.get(id) ?? 0,
    heldEndOf: () => 0,
    awaitingSyncAnswer: false,
    declared: new Map(),
    heldBytes: 0,
    updateBytes: 10,
    maxHeldBytes: 1000,
    ...overrides,
  };
}

function check(runs: ForgedRun[], overrides: Partial<UpdateCheckContext> = {}): UpdateVerdict['action'] {
  return checkClientUpdate(Y.decodeUpdate(forgeUpdate(runs)), context(overrides)).action;
}

const text = (t = 'x') => ({ kind: 'text' as const, text: t });

describe('checkClientUpdate', () => {
  it.each([
    ['a live edit of my client id at its clock', [{ client: MINE, clock: 5, structs: [text()] }], 'apply'],
    ['a live edit of a client id nobody has written with, from clock 0', [{ client: NEW, clock: 0, structs: [text()] }], 'apply'],
    ['items under another member’s client id at its clock', [{ client: THEIRS, clock: 7, structs: [text()] }], 'refuse'],
    [
      'a GC range under another member’s client id past its clock',
      [{ client: THEIRS, clock: 12, structs: [{ kind: 'gc' as const, length: 1_000_000 }] }],
      'refuse',
    ],
    ['a GC range under the server’s client id', [{ client: SERVERS, clock: 3, structs: [{ kind: 'gc' as const, length: 1 }] }], 'refuse'],
    ['items under a client id already in the document that nobody owns', [{ client: NOBODYS, clock: 2, structs: [text()] }], 'refuse'],
    ['a live edit of my client id past its clock', [{ client: MINE, clock: 6, structs: [text()] }], 'refuse'],
    ['a live edit of my client id before its clock', [{ client: MINE, clock: 4, structs: [text('xy')] }], 'refuse'],
    ['a skip range inside my run', [{ client: MINE, clock: 5, structs: [text(), { kind: 'skip' as const, length: 3 }, text()] }], 'refuse'],
    ['a new client id starting past clock 0', [{ client: NEW, clock: 1, structs: [text()] }], 'refuse'],
    [
      'my edit followed by another member’s',
      [
        { client: MINE, clock: 5, structs: [text()] },
        { client: THEIRS, clock: 7, structs: [text()] },
      ],
      'refuse',
    ],
  ])('%s: %s', (_name, runs, expected) => {
    expect(check(runs as ForgedRun[])).toBe(expected);
  });

  it('claims a client id nobody has written with, and only that one', () => {
    const verdict = checkClientUpdate(
      Y.decodeUpdate(
        forgeUpdate([
          { client: NEW, clock: 0, structs: [text()] },
          { client: MINE, clock: 5, structs: [text()] },
        ]),
      ),
      context(),
    );
    expect(verdict).toEqual({ action: 'apply', claims: [NEW] });
  });

  it('lets a sync step 2 start before the clock (what the server has is skipped), never after it', () => {
    expect(check([{ client: MINE, clock: 2, structs: [text('abcdef')] }], { kind: 'syncStep2' })).toBe('apply');
    expect(check([{ client: MINE, clock: 6, structs: [text()] }], { kind: 'syncStep2' })).toBe('refuse');
  });

  it('ignores a live edit past the clock only while the sync step 2 that resends the gap is still owed', () => {
    const run = [{ client: MINE, clock: 9, structs: [text()] }];
    expect(check(run, { awaitingSyncAnswer: true, declared: new Map([[MINE, 9]]) })).toBe('ignore');
    expect(check(run, { awaitingSyncAnswer: true, declared: new Map([[MINE, 5]]) })).toBe('refuse');
    expect(check(run, { awaitingSyncAnswer: true, declared: new Map() })).toBe('refuse');
    expect(check(run, { awaitingSyncAnswer: false, declared: new Map([[MINE, 9]]) })).toBe('refuse');
    expect(check(run, { awaitingSyncAnswer: true, declared: new Map([[MINE, 9]]), kind: 'syncStep2' })).toBe('refuse');
  });

  it('refuses a new client id another connection is taking (its owner not yet on disk)', () => {
    expect(check([{ client: NEW, clock: 0, structs: [text()] }], { reservedElsewhere: (id) => id === NEW })).toBe('refuse');
  });

  it('continues after my items Yjs holds back', () => {
    expect(check([{ client: MINE, clock: 8, structs: [text()] }], { heldEndOf: (id) => (id === MINE ? 8 : 0) })).toBe('apply');
    expect(check([{ client: MINE, clock: 5, structs: [text()] }], { heldEndOf: (id) => (id === MINE ? 8 : 0) })).toBe('refuse');
  });

  it('refuses live edits with a client id another connection of the same member is writing with, not a sync step 2 carrying them', () => {
    expect(check([{ client: MINE, clock: 5, structs: [text()] }], { usedElsewhere: (id) => id === MINE })).toBe('refuse');
    expect(check([{ client: MINE, clock: 5, structs: [text()] }], { usedElsewhere: (id) => id === MINE, kind: 'syncStep2' })).toBe('apply');
  });

  it('holds back items that depend on another client’s text the server lacks, up to the room’s limit', () => {
    const dependent = [{ client: MINE, clock: 5, structs: [{ kind: 'text' as const, text: 'x', origin: { client: THEIRS, clock: 9 } }] }];
    expect(check(dependent)).toBe('apply');
    expect(check(dependent, { heldBytes: 995 })).toBe('refuse');
    const known = [{ client: MINE, clock: 5, structs: [{ kind: 'text' as const, text: 'x', origin: { client: THEIRS, clock: 6 } }] }];
    expect(check(known, { heldBytes: 995 })).toBe('apply');
  });
});
