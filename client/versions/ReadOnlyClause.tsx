import type { ClauseText } from '../../shared/export/DraftText.js';
import { clauseName } from '../pages/draft/clauseName.js';
import { DraftTextBlocks } from './DraftTextBlocks.js';

/**
 * One clause of a saved version, in the editor's clause card (number in the gutter, heading, text) but
 * with nothing to edit. A section is its heading only.
 */
export function ReadOnlyClause({ clause }: { clause: ClauseText }) {
  const numberId = `number-${clause.id}`;
  if (clause.kind === 'section') {
    return (
      <article id={`clause-${clause.id}`} className="clause clause-section" aria-labelledby={numberId}>
        <div className="clause-gutter" />
        <div className="clause-main">
          <h2 className="section-heading version-section-heading" id={numberId}>
            {clause.heading || <span className="muted">Untitled section</span>}
          </h2>
        </div>
      </article>
    );
  }
  return (
    <article id={`clause-${clause.id}`} className={`clause clause-${clause.kind}`} aria-labelledby={numberId}>
      <div className="clause-gutter">
        <span className="clause-number" id={numberId}>
          {clause.number ?? clauseName(clause, clause.heading)}
        </span>
      </div>
      <div className="clause-main">
        {clause.heading ? <h3 className="version-clause-heading">{clause.heading}</h3> : null}
        <div className="clause-text">
          {clause.blocks.length > 0 ? <DraftTextBlocks blocks={clause.blocks} /> : <p className="muted version-empty-text">No text.</p>}
        </div>
      </div>
    </article>
  );
}
