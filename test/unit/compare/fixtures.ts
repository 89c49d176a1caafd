import { numberClauses } from '../../../shared/doc/numberClauses.js';
import type { ClauseKind } from '../../../shared/doc/schema.js';
import { PLAIN_CLAUSE_FIELDS, type Block, type DraftText, type Inline } from '../../../shared/export/DraftText.js';
import type { RedlineParagraph, RedlineSegment } from '../../../shared/compare/DraftComparison.js';

export interface FixtureClause {
  id: string;
  kind?: ClauseKind;
  heading?: string;
  /** Paragraphs as plain strings, or as runs / whole blocks when marks or lists matter. */
  body?: Array<string | Inline[] | Block>;
}

/** A DraftText as draftTextFromDoc would produce it, numbered in order. */
export function draft(clauses: FixtureClause[], title = 'Code of Conduct'): DraftText {
  const numbered = numberClauses(clauses.map((c) => ({ ...c, kind: c.kind ?? 'operative' })));
  return {
    format: 'draft-text/2',
    draftId: 'fixtureDraft0001',
    title,
    revision: null,
    versionLabel: null,
    date: '2026-01-05T09:00:00.000Z',
    clauses: numbered.map((c) => ({
      id: c.id,
      kind: c.kind,
      number: c.number,
      heading: c.heading ?? '',
      blocks: (c.body ?? []).map(block),
      ...PLAIN_CLAUSE_FIELDS,
      positions: [],
    })),
  };
}

function block(item: string | Inline[] | Block): Block {
  if (typeof item === 'string') return { type: 'paragraph', content: item ? [{ text: item, marks: [] }] : [] };
  if (Array.isArray(item)) return { type: 'paragraph', content: item };
  return item;
}

/** The redline written compactly: kept text as is, [-deleted-] and {+inserted+}. */
export function redline(segments: readonly RedlineSegment[]): string {
  return segments.map((s) => (s.change === 'equal' ? s.text : s.change === 'deleted' ? `[-${s.text}-]` : `{+${s.text}+}`)).join('');
}

/** Each paragraph's change and redline. */
export function paragraphs(list: readonly RedlineParagraph[]): Array<[string, string]> {
  return list.map((p) => [p.change, redline(p.segments)]);
}

export const bold: Inline['marks'] = [{ type: 'bold' }];
