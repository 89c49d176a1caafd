import { describe, expect, it } from 'vitest';
import type { DraftEvent } from '../../../shared/api/events.js';
import type { ClauseStatusEntry, NegotiationState, PositionView } from '../../../shared/api/negotiation.js';
import type { ClauseKind } from '../../../shared/doc/schema.js';
import type { ClauseStatus } from '../../../shared/negotiation/clauseStatus.js';
import { applyNegotiationEvent } from '../../../client/negotiation/applyNegotiationEvent.js';
import { visibleClauses } from '../../../client/negotiation/clauseVisibility.js';
import { currentStatuses } from '../../../client/negotiation/currentStatuses.js';
import { suggestedStatus } from '../../../client/negotiation/suggestedStatus.js';

const clause = (id: string, kind: ClauseKind = 'operative') => ({ id, kind });

/** S1 Preamble: PP1 (agreed), PP2 (open); S2 Commitments: OP1 (agreed ad ref), OP2 (reopened), OP3 (open). */
const DRAFT = [
  clause('s1', 'section'),
  clause('pp1', 'preambular'),
  clause('pp2', 'preambular'),
  clause('s2', 'section'),
  clause('op1'),
  clause('op2'),
  clause('op3'),
];
const STATUS: Record<string, ClauseStatus> = { pp1: 'agreed', op1: 'agreed-ad-ref', op2: 'reopened' };
const statusOf = (id: string): ClauseStatus => STATUS[id] ?? 'open';
const ids = (list: ReadonlyArray<{ id: string }>) => list.map((c) => c.id);

describe('visibleClauses, what the status filter and the agreed-text view show', () => {
  it('shows the very same list when nothing is filtered, so the page does not re-render', () => {
    expect(visibleClauses(DRAFT, statusOf, { filter: 'all', view: 'full' })).toBe(DRAFT);
  });

  it('keeps only the clauses of the chosen status, with the section headings they sit under', () => {
    expect(ids(visibleClauses(DRAFT, statusOf, { filter: 'open', view: 'full' }))).toEqual(['s1', 'pp2', 's2', 'op3']);
    expect(ids(visibleClauses(DRAFT, statusOf, { filter: 'reopened', view: 'full' }))).toEqual(['s2', 'op2']);
    expect(ids(visibleClauses(DRAFT, statusOf, { filter: 'agreed', view: 'full' }))).toEqual(['s1', 'pp1']);
  });

  it('shows only agreed and agreed ad ref clauses in the agreed-text view, in reading order', () => {
    expect(ids(visibleClauses(DRAFT, statusOf, { filter: 'all', view: 'agreed' }))).toEqual(['s1', 'pp1', 's2', 'op1']);
  });

  it('combines the agreed view with a filter, and can leave nothing at all', () => {
    expect(ids(visibleClauses(DRAFT, statusOf, { filter: 'agreed-ad-ref', view: 'agreed' }))).toEqual(['s2', 'op1']);
    expect(visibleClauses(DRAFT, statusOf, { filter: 'open', view: 'agreed' })).toEqual([]);
  });

  it('drops a section heading with nothing visible under it, even at the end of the draft', () => {
    const draft = [clause('a'), clause('s', 'section')];
    expect(ids(visibleClauses(draft, () => 'open', { filter: 'open', view: 'full' }))).toEqual(['a']);
  });
});

const entry = (id: string, clauseId: string, status: ClauseStatus, at = '2026-01-05T10:00:00.000Z'): ClauseStatusEntry => ({
  id,
  draftId: 'd',
  clauseId,
  status,
  note: '',
  by: { id: 'sec', name: 'Secretariat' },
  at,
});

const position = (clauseId: string, delegationId: string, kind: PositionView['position'], text: string | null = null): PositionView => ({
  draftId: 'd',
  clauseId,
  delegation: { id: delegationId, name: delegationId.toUpperCase() },
  position: kind,
  text,
  by: { id: `${delegationId}-delegate`, name: `${delegationId} delegate` },
  at: '2026-01-05T10:00:00.000Z',
});

const LATER = '2026-01-05T11:00:00.000Z';
const EMPTY: NegotiationState = {
  statuses: [],
  positions: [],
  delegations: [{ id: 'au', name: 'AU' }],
  numbering: null,
  numberingRevision: null,
};

describe('applyNegotiationEvent, how live events change what the page shows', () => {
  it('appends a status change once, however often it arrives (answer and echo)', () => {
    const event: DraftEvent = { type: 'clause.status', entry: entry('e1', 'op1', 'agreed-ad-ref') };
    const once = applyNegotiationEvent(EMPTY, event);
    expect(once.statuses).toHaveLength(1);
    expect(applyNegotiationEvent(once, event)).toBe(once);
  });

  it('replaces a delegation’s position on a clause and leaves other delegations’ alone', () => {
    let state = applyNegotiationEvent(EMPTY, { type: 'position.changed', position: position('op1', 'au', 'supports') });
    state = applyNegotiationEvent(state, { type: 'position.changed', position: position('op1', 'dk', 'opposes') });
    state = applyNegotiationEvent(state, {
      type: 'position.changed',
      position: position('op1', 'au', 'reservation', 'Subject to national law'),
    });
    expect(state.positions.map((p) => [p.delegation.id, p.position, p.text])).toEqual([
      ['dk', 'opposes', null],
      ['au', 'reservation', 'Subject to national law'],
    ]);
    expect(state.delegations.map((d) => d.id)).toEqual(['au', 'dk']);
  });

  it('removes a withdrawn position, and ignores a withdrawal it has already applied', () => {
    const state = applyNegotiationEvent(EMPTY, { type: 'position.changed', position: position('op1', 'au', 'supports') });
    const withdrawn = applyNegotiationEvent(state, { type: 'position.withdrawn', clauseId: 'op1', delegationId: 'au', at: LATER });
    expect(withdrawn.positions).toEqual([]);
    expect(applyNegotiationEvent(withdrawn, { type: 'position.withdrawn', clauseId: 'op1', delegationId: 'au', at: LATER })).toBe(
      withdrawn,
    );
  });

  it('never lets a late answer undo newer events: an older position, an older withdrawal, an older status', () => {
    const newer = { ...position('op1', 'au', 'opposes'), at: LATER };
    let state = applyNegotiationEvent(EMPTY, { type: 'position.changed', position: newer });
    state = applyNegotiationEvent(state, { type: 'position.changed', position: position('op1', 'au', 'supports') });
    expect(state.positions.map((p) => p.position)).toEqual(['opposes']);
    state = applyNegotiationEvent(state, {
      type: 'position.withdrawn',
      clauseId: 'op1',
      delegationId: 'au',
      at: '2026-01-05T09:00:00.000Z',
    });
    expect(state.positions.map((p) => p.position)).toEqual(['opposes']);
    // Withdrawn later on; an answer recorded before the withdrawal then arrives and is not shown again.
    state = applyNegotiationEvent(state, {
      type: 'position.withdrawn',
      clauseId: 'op1',
      delegationId: 'au',
      at: '2026-01-05T12:00:00.000Z',
    });
    state = applyNegotiationEvent(state, { type: 'position.changed', position: newer });
    expect(state.positions).toEqual([]);
    const recent = { ...entry('e2', 'op1', 'agreed'), at: LATER };
    const late = entry('e1', 'op1', 'agreed-ad-ref');
    const statuses = applyNegotiationEvent(applyNegotiationEvent(EMPTY, { type: 'clause.status', entry: recent }), {
      type: 'clause.status',
      entry: late,
    }).statuses;
    expect(statuses.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(currentStatuses(statuses).get('op1')?.status).toBe('agreed');
  });

  it('takes the numbering of a newly published revision', () => {
    const state = applyNegotiationEvent(EMPTY, { type: 'numbering.changed', numbering: { op1: 'OP1' }, revision: 2 });
    expect(state.numbering).toEqual({ op1: 'OP1' });
    expect(state.numberingRevision).toBe(2);
  });

  it('leaves the state untouched for events about other things', () => {
    expect(applyNegotiationEvent(EMPTY, { type: 'version.deleted', versionId: 'v1' })).toBe(EMPTY);
  });
});

describe('currentStatuses and suggestedStatus', () => {
  it('takes each clause’s latest status change as its current status', () => {
    const current = currentStatuses([entry('1', 'op1', 'agreed-ad-ref'), entry('2', 'op2', 'agreed'), entry('3', 'op1', 'agreed')]);
    expect(current.get('op1')?.id).toBe('3');
    expect(current.get('op2')?.status).toBe('agreed');
    expect(current.has('op3')).toBe(false);
  });

  it('offers the usual next step first, never the status the clause already has', () => {
    expect(suggestedStatus('open')).toBe('agreed-ad-ref');
    expect(suggestedStatus('agreed-ad-ref')).toBe('agreed');
    expect(suggestedStatus('agreed')).toBe('reopened');
    expect(suggestedStatus('reopened')).toBe('agreed-ad-ref');
  });
});
