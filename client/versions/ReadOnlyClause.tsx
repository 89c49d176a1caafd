import type { ReactNode } from 'react';
import type { ClauseText } from '../../shared/export/DraftText.js';
import { CLAUSE_STATUS_LABELS } from '../../shared/negotiation/clauseStatus.js';
import { POSITION_LABELS } from '../../shared/negotiation/positions.js';
import { clauseTextProposal } from '../../shared/export/proposalLabels.js';
import { clauseName } from '../common/draft/clauseName.js';
import { ClauseProposalLines, ClauseProposalText } from './ClauseProposalView.js';
import { DraftTextBlocks, DraftTextRuns } from './DraftTextBlocks.js';

/**
 * One clause of a saved version, in the editor's clause card (number in the gutter, heading, text) but
 * with nothing to edit. A section is its heading only.
 *
 * The negotiation as it stood when the version was taken, worded as the exports word it: brackets with their
 * delegation's tag (DraftTextBlocks); under the heading the option label ("Option 2") and the status with its
 * note; a "no text" option's body as "No text" in italics; after the body the delegations' positions.
 * A proposal on the whole clause (amendments mode): a line under the heading naming it ("Proposed new clause —
 * United States"), the heading and text underlined or struck through as a proposed passage is (ClauseProposalView).
 */
export function ReadOnlyClause({ clause }: { clause: ClauseText }) {
  const numberId = `number-${clause.id}`;
  const proposal = clauseTextProposal(clause);
  const proposed = (content: ReactNode, block = false) =>
    proposal ? (
      <ClauseProposalText proposal={proposal} block={block}>
        {content}
      </ClauseProposalText>
    ) : (
      content
    );
  // A heading that holds proposals shows them as the text does; any other is its plain line.
  const heading = clause.headingContent ? <DraftTextRuns runs={clause.headingContent} /> : clause.heading;
  if (clause.kind === 'section') {
    return (
      <article id={`clause-${clause.id}`} className="clause clause-section" aria-labelledby={numberId}>
        <div className="clause-gutter" />
        <div className="clause-main">
          <h2 className="section-heading version-section-heading" id={numberId}>
            {clause.heading ? proposed(heading) : <span className="muted">Untitled section</span>}
          </h2>
          <ClauseProposalLines proposals={clause.proposals ?? []} />
        </div>
      </article>
    );
  }
  const option = clause.option ? (clause.option.index > 1 ? ' clause-option clause-alternative' : ' clause-option') : '';
  return (
    <article id={`clause-${clause.id}`} className={`clause clause-${clause.kind}${option}`} aria-labelledby={numberId}>
      <div className="clause-gutter">
        <span className="clause-number" id={numberId}>
          {clause.number ?? clauseName(clause, clause.heading)}
        </span>
      </div>
      <div className="clause-main">
        {clause.heading ? <h3 className="version-clause-heading">{proposed(heading)}</h3> : null}
        <ClauseProposalLines proposals={clause.proposals ?? []} />
        <ClauseMeta clause={clause} />
        <div className="clause-text">
          {clause.noText ? (
            proposed(
              <p className="version-no-text">
                <em>No text</em>
              </p>,
              true,
            )
          ) : clause.blocks.length > 0 ? (
            proposed(<DraftTextBlocks blocks={clause.blocks} />, true)
          ) : (
            <p className="muted version-empty-text">No text.</p>
          )}
        </div>
        <Positions clause={clause} />
      </div>
    </article>
  );
}

/** "Option 2 · Agreed ad ref — note" under the heading; nothing for a clause in no group and without a status. */
function ClauseMeta({ clause }: { clause: ClauseText }) {
  const { option, status } = clause;
  if (!option && !status) return null;
  return (
    <p className="version-clause-meta">
      {option ? <span className="version-option-label">Option {option.index}</span> : null}
      {option && status ? <span aria-hidden="true"> · </span> : null}
      {status ? (
        <>
          <span className={`version-status version-status-${status.status}`}>{CLAUSE_STATUS_LABELS[status.status]}</span>
          {status.note.trim() ? <span className="version-status-note"> — {status.note}</span> : null}
        </>
      ) : null}
    </p>
  );
}

/** "Positions: Norway — reservation: “…”; United States — supports", as the exports print them. */
function Positions({ clause }: { clause: ClauseText }) {
  if (clause.positions.length === 0) return null;
  return (
    <p className="version-positions">
      <span className="version-positions-label">Positions: </span>
      {clause.positions.map((p, index) => (
        <span key={p.delegationId} className={`version-position version-position-${p.position}`}>
          {index > 0 ? '; ' : ''}
          <span className="version-position-delegation">{p.delegation}</span> — {POSITION_LABELS[p.position].toLowerCase()}
          {p.text ? `: “${p.text}”` : ''}
        </span>
      ))}
    </p>
  );
}
