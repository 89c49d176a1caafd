import type { ClauseComparison } from '../../shared/compare/DraftComparison.js';
import { ComparedClause } from './ComparedClause.js';

/** A run of unchanged clauses, folded to one line ("3 unchanged clauses: OP2–OP4") that opens to show them. */
export function UnchangedClauses({ clauses }: { clauses: readonly ClauseComparison[] }) {
  const numbers = clauses.map((clause) => clause.to?.number).filter((n): n is string => Boolean(n));
  const range = numbers.length === 0 ? '' : numbers.length === 1 ? `: ${numbers[0]}` : `: ${numbers[0]}–${numbers.at(-1)}`;
  return (
    <details className="unchanged-clauses">
      <summary>
        {clauses.length === 1 ? '1 unchanged clause' : `${clauses.length} unchanged clauses`}
        {range}
      </summary>
      <div className="unchanged-clauses-list">
        {clauses.map((clause) => (
          <ComparedClause key={clause.id} clause={clause} />
        ))}
      </div>
    </details>
  );
}
