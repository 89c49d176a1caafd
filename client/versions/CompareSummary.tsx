import type { ComparisonSummary } from '../../shared/compare/DraftComparison.js';

const ITEMS: Array<{ key: keyof ComparisonSummary; one: string; many: string }> = [
  { key: 'added', one: 'clause added', many: 'clauses added' },
  { key: 'removed', one: 'clause removed', many: 'clauses removed' },
  { key: 'moved', one: 'clause moved', many: 'clauses moved' },
  { key: 'changed', one: 'clause changed', many: 'clauses changed' },
  { key: 'unchanged', one: 'clause unchanged', many: 'clauses unchanged' },
];

/** The counts of a comparison, or a plain "no differences" when the two texts match. */
export function CompareSummary({ summary }: { summary: ComparisonSummary }) {
  const same = summary.added + summary.removed + summary.moved + summary.changed === 0;
  return (
    <section className="compare-summary" aria-labelledby="compare-summary-heading">
      <h2 id="compare-summary-heading" className="visually-hidden">
        Summary
      </h2>
      {same ? (
        <p className="compare-same">No differences: both sides have the same clauses, in the same order, with the same text.</p>
      ) : null}
      <ul className="compare-counts">
        {ITEMS.map(({ key, one, many }) => (
          <li key={key} className={`compare-count compare-count-${key}${summary[key] === 0 ? ' compare-count-zero' : ''}`}>
            <strong>{summary[key]}</strong> {summary[key] === 1 ? one : many}
          </li>
        ))}
      </ul>
    </section>
  );
}
