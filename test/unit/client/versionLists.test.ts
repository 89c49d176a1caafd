import { describe, expect, it } from 'vitest';
import type { VersionView } from '../../../shared/api/versions.js';
import type { ClauseComparison } from '../../../shared/compare/DraftComparison.js';
import { groupComparedClauses } from '../../../client/versions/groupComparedClauses.js';
import { upsertVersion } from '../../../client/versions/upsertVersion.js';
import { versionPermissions } from '../../../client/versions/versionPermissions.js';

function version(id: string, createdAt: string, extra: Partial<VersionView> = {}): VersionView {
  return {
    id,
    draftId: 'd',
    label: id,
    kind: 'named',
    author: { id: 'us', name: 'James Carter', delegation: 'United States' },
    createdAt,
    revision: null,
    publishedAt: null,
    publishedBy: null,
    fingerprint: 'f'.repeat(64),
    ...extra,
  };
}

function clause(
  id: string,
  change: ClauseComparison['change'],
  options: { moved?: boolean; kind?: 'operative' | 'section' } = {},
): ClauseComparison {
  const place = { number: options.kind === 'section' ? null : id, kind: options.kind ?? 'operative', position: 0 };
  return {
    id,
    change,
    moved: options.moved ?? false,
    from: change === 'added' ? null : place,
    to: change === 'removed' ? null : place,
    heading: [],
    paragraphs: [],
  };
}

describe('upsertVersion, which keeps the live history list newest first', () => {
  const list = [version('c', '2026-03-03T00:00:00Z'), version('a', '2026-03-01T00:00:00Z')];

  it('puts a version saved elsewhere in its place by time', () => {
    expect(upsertVersion(list, version('d', '2026-03-04T00:00:00Z')).map((v) => v.id)).toEqual(['d', 'c', 'a']);
    expect(upsertVersion(list, version('b', '2026-03-02T00:00:00Z')).map((v) => v.id)).toEqual(['c', 'b', 'a']);
    expect(upsertVersion(list, version('z', '2026-02-01T00:00:00Z')).map((v) => v.id)).toEqual(['c', 'a', 'z']);
  });

  it('replaces a version that was published or renamed instead of listing it twice', () => {
    const published = upsertVersion(list, version('a', '2026-03-01T00:00:00Z', { revision: 1, label: 'Rev' }));
    expect(published.map((v) => [v.id, v.revision])).toEqual([
      ['c', null],
      ['a', 1],
    ]);
  });
});

describe('groupComparedClauses, which folds what did not change', () => {
  it('folds runs of unchanged clauses and keeps changed, moved, added and removed ones and section headings in view', () => {
    const entries = groupComparedClauses([
      clause('S1', 'unchanged', { kind: 'section' }),
      clause('PP1', 'unchanged'),
      clause('PP2', 'unchanged'),
      clause('OP1', 'changed'),
      clause('OP2', 'unchanged', { moved: true }),
      clause('OP3', 'unchanged'),
      clause('OP4', 'removed'),
      clause('OP5', 'added'),
      clause('OP6', 'unchanged'),
    ]);
    expect(entries.map((e) => (e.type === 'clause' ? e.clause.id : e.clauses.map((c) => c.id).join('+')))).toEqual([
      'S1',
      'PP1+PP2',
      'OP1',
      'OP2',
      'OP3',
      'OP4',
      'OP5',
      'OP6',
    ]);
    expect(entries.map((e) => e.type)).toEqual(['clause', 'unchanged', 'clause', 'clause', 'unchanged', 'clause', 'clause', 'unchanged']);
  });
});

describe('versionPermissions, which decides the actions offered', () => {
  const me = (role: 'secretariat' | 'delegate' | 'reviewer', id = 'us') => ({
    id,
    email: `${id}@example.org`,
    name: id,
    role,
    delegation: null,
  });
  const own = version('v', '2026-03-01T00:00:00Z');
  const published = version('r', '2026-03-01T00:00:00Z', { revision: 1 });

  it('lets the secretariat publish, restore, rename and delete unpublished versions, and only restore revisions', () => {
    expect(versionPermissions(me('secretariat', 'sec'), own)).toEqual({ change: true, publish: true, restore: true });
    expect(versionPermissions(me('secretariat', 'sec'), published)).toEqual({ change: false, publish: false, restore: true });
  });

  it('lets a delegate rename and delete only their own unpublished versions, and a reviewer nothing', () => {
    expect(versionPermissions(me('delegate'), own)).toEqual({ change: true, publish: false, restore: false });
    expect(versionPermissions(me('delegate', 'dk'), own)).toEqual({ change: false, publish: false, restore: false });
    expect(versionPermissions(me('delegate'), published)).toEqual({ change: false, publish: false, restore: false });
    expect(versionPermissions(me('reviewer'), own)).toEqual({ change: false, publish: false, restore: false });
  });
});
