import type { ClauseComparison, ClausePlace } from '../../shared/compare/DraftComparison.js';

const LABELS = { added: 'Added', removed: 'Removed', changed: 'Changed', unchanged: null } as const;

/** The fate of a clause in words: "Added", "Removed", "Changed" and/or "Moved: OP3 → OP5". */
export function ChangeBadges({ clause }: { clause: ClauseComparison }) {
  const label = LABELS[clause.change];
  if (!label && !clause.moved) return null;
  return (
    <p className="change-badges">
      {label ? <span className={`change-badge change-badge-${clause.change}`}>{label}</span> : null}
      {clause.moved ? <MovedBadge from={clause.from} to={clause.to} /> : null}
    </p>
  );
}

/** "Moved: OP3 → OP5"; sections have no numbers, so theirs just says "Moved". */
function MovedBadge({ from, to }: { from: ClausePlace | null; to: ClausePlace | null }) {
  if (!from?.number || !to?.number) return <span className="change-badge change-badge-moved">Moved</span>;
  return (
    <span className="change-badge change-badge-moved">
      Moved: {from.number} <span aria-hidden="true">→</span>
      <span className="visually-hidden"> to</span> {to.number}
    </span>
  );
}
