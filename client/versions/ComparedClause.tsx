import type { ClauseComparison } from '../../shared/compare/DraftComparison.js';
import { clauseFateLine } from '../../shared/compare/proposalFates.js';
import { ChangeBadges } from './ChangeBadges.js';
import { RedlineParagraphs } from './RedlineParagraphs.js';
import { RedlineSegments } from './RedlineSegments.js';

/**
 * One clause of a comparison in the editor's clause card: its number (both numbers when they differ),
 * what happened to it, and the heading and text as a redline. Removed clauses stand where they stood, struck.
 * A whole clause's proposals (amendments mode) are lines under the heading with what became of them
 * ("Proposed new clause — United States, accepted").
 */
export function ComparedClause({ clause }: { clause: ClauseComparison }) {
  const place = clause.to ?? clause.from;
  const kind = place?.kind ?? 'operative';
  const numberId = `compare-${clause.id}`;
  const hasHeading = clause.heading.some((segment) => segment.text.trim() !== '');
  const className = `clause clause-${kind} compared-clause compared-${clause.change}${clause.moved ? ' compared-moved' : ''}`;

  if (kind === 'section') {
    return (
      <article className={className} aria-labelledby={numberId} data-clause-id={clause.id}>
        <div className="clause-gutter" />
        <div className="clause-main">
          <ChangeBadges clause={clause} />
          <h2 className="section-heading version-section-heading" id={numberId}>
            {hasHeading ? <RedlineSegments segments={clause.heading} /> : <span className="muted">Untitled section</span>}
          </h2>
          <ClauseFates clause={clause} />
        </div>
      </article>
    );
  }
  const oldNumber = clause.from?.number ?? null;
  const newNumber = clause.to?.number ?? null;
  return (
    <article className={className} aria-labelledby={numberId} data-clause-id={clause.id}>
      <div className="clause-gutter">
        <span className="clause-number" id={numberId}>
          {newNumber ?? <del className="compared-old-number">{oldNumber}</del>}
        </span>
        {newNumber && oldNumber && oldNumber !== newNumber ? <span className="compared-was">was {oldNumber}</span> : null}
      </div>
      <div className="clause-main">
        <ChangeBadges clause={clause} />
        {hasHeading ? (
          <h3 className="version-clause-heading">
            <RedlineSegments segments={clause.heading} />
          </h3>
        ) : null}
        <ClauseFates clause={clause} />
        <div className="clause-text">
          <RedlineParagraphs paragraphs={clause.paragraphs} />
        </div>
      </div>
    </article>
  );
}

/** One line per proposal on the whole clause, with its fate between the two texts. */
function ClauseFates({ clause }: { clause: ClauseComparison }) {
  return (
    <>
      {(clause.proposals ?? []).map((proposal) => (
        <p
          key={`${proposal.kind}-${proposal.id}`}
          className={`version-clause-proposal version-clause-proposal-${proposal.kind} compared-clause-proposal-${proposal.fate}`}
        >
          {clauseFateLine(proposal)}
        </p>
      ))}
    </>
  );
}
