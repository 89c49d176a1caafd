import { memo } from 'react';
import type * as Y from 'yjs';
import { readParagraphs } from '../../shared/doc/clauseBody.js';
import type { NegotiationCounts } from '../../shared/negotiation/counts.js';
import { countProposalsInWords, OutlineProposalCount, useAmendments, useProposals } from '../amendments/index.js';
import { OutlineCommentCount } from '../comments/index.js';
import { useYjsVersion } from '../common/collab/useYjsVersion.js';
import { useYTextValue } from '../common/collab/useYTextValue.js';
import { clauseName } from '../common/draft/clauseName.js';
import { describeCounts } from '../common/draft/describeCounts.js';
import type { NumberedClause } from '../common/draft/useOrderedClauses.js';
import { OutlineStatusMarker } from '../negotiation/index.js';
import { useNegotiationCounts } from './useNegotiationCounts.js';

/**
 * The side navigation: every clause by number and heading (or, without a heading, the start of its
 * text), sections as group titles. Choosing one scrolls to the clause and puts focus in it. A count
 * beside a clause says how many comment threads on it are open, and opens them. Bracket, option and
 * proposal counts, per clause and for the whole draft, follow the document live (proposals are counted
 * once the draft has any or is in amendments mode). A proposed new clause, and a clause proposed for
 * deletion, are marked so (and the views hide them as they hide them in the text, amendments.css).
 */
export function ClauseOutline({ doc, clauses, onJump }: { doc: Y.Doc; clauses: NumberedClause[]; onJump: (id: string) => void }) {
  const counts = useNegotiationCounts(doc);
  const proposals = useProposals();
  const { editingMode } = useAmendments();
  const proposalTotal = proposals?.proposals.length ?? 0;
  const byClause = proposals?.byClause ?? NO_PROPOSALS;
  return (
    <nav className="outline" aria-label="Outline">
      <h2 className="outline-title">Outline</h2>
      <p className="outline-counts" data-brackets={counts.brackets} data-options={counts.options} data-proposals={proposalTotal}>
        {describeCounts(counts)}
        {proposalTotal > 0 || editingMode === 'amendments' ? ` · ${countProposalsInWords(proposalTotal)}` : null}
      </p>
      {clauses.length === 0 ? <p className="muted outline-empty">No clauses yet.</p> : null}
      <ol className="outline-list">
        {clauses.map((clause) => (
          <OutlineItem
            key={clause.id}
            id={clause.id}
            number={clause.number}
            heading={clause.heading}
            body={clause.body}
            noText={clause.noText}
            brackets={counts.clauses[clause.id]?.brackets ?? 0}
            options={counts.clauses[clause.id]?.options ?? 0}
            proposals={byClause[clause.id] ?? 0}
            proposedNew={clause.proposedBy !== null}
            deletionProposed={clause.deletionProposedBy !== null}
            onJump={onJump}
          />
        ))}
      </ol>
    </nav>
  );
}

interface OutlineItemProps {
  id: string;
  number: string | null;
  heading: Y.Text;
  body: Y.XmlFragment;
  /** A "no text" option: named so instead of by its (unread) body. */
  noText: boolean;
  /** Bracketed passages in this clause. */
  brackets: number;
  /** Options of this clause (counted on its first option; 0 without options). */
  options: number;
  /** Undecided proposals in this clause's text and on the clause. */
  proposals: number;
  /** A delegation's proposed new clause. */
  proposedNew: boolean;
  /** A delegation proposes deleting it. */
  deletionProposed: boolean;
  onJump: (id: string) => void;
}

const OutlineItem = memo(function OutlineItem({
  id,
  number,
  heading,
  body,
  noText,
  brackets,
  options,
  proposals,
  proposedNew,
  deletionProposed,
  onJump,
}: OutlineItemProps) {
  const headingText = useYTextValue(heading).trim();
  const summary = useBodySummary(number !== null && headingText === '' && !noText ? body : null);
  const text = headingText || summary || (noText ? 'No text' : number ? 'Empty clause' : 'Untitled section');
  const classes = `outline-item${number ? '' : ' outline-section'}${proposedNew ? ' outline-item-proposed-new' : ''}${deletionProposed ? ' outline-item-deletion-proposed' : ''}`;
  return (
    <li className={classes}>
      <a
        href={`#clause-${id}`}
        onClick={(event) => {
          event.preventDefault();
          onJump(id);
        }}
      >
        {number ? <span className="outline-number">{number}</span> : null}
        <span className={headingText ? 'outline-text' : 'outline-text outline-text-summary'} title={text}>
          {text}
        </span>
        <OutlineStatusMarker clauseId={id} />
        <OutlineCounts
          brackets={brackets}
          options={options}
          proposals={proposals}
          proposedNew={proposedNew}
          deletionProposed={deletionProposed}
        />
      </a>
      <OutlineCommentCount clauseId={id} name={clauseName({ number, kind: 'section' }, headingText)} />
    </li>
  );
});

/**
 * Small badges: "[2]" for two bracketed passages, "3 options", "±2" for two proposals, "New" for a proposed new
 * clause and "Deletion" for one proposed for deletion; each read out in words.
 */
function OutlineCounts({
  brackets,
  options,
  proposals,
  proposedNew,
  deletionProposed,
}: NegotiationCounts & Pick<OutlineItemProps, 'proposals' | 'proposedNew' | 'deletionProposed'>) {
  if (brackets === 0 && options === 0 && proposals === 0 && !proposedNew && !deletionProposed) return null;
  return (
    <span className="outline-badges">
      {proposedNew ? <OutlineClauseProposal kind="new" /> : null}
      {deletionProposed ? <OutlineClauseProposal kind="deletion" /> : null}
      {brackets > 0 ? (
        <span className="outline-badge outline-badge-brackets" title={describeCounts({ brackets, options: 0 }, 'brackets')}>
          <span aria-hidden="true">[{brackets}]</span>
          <span className="visually-hidden">, {describeCounts({ brackets, options: 0 }, 'brackets')}</span>
        </span>
      ) : null}
      {options > 0 ? (
        <span className="outline-badge outline-badge-options">
          <span className="visually-hidden">, </span>
          {describeCounts({ brackets: 0, options }, 'options')}
        </span>
      ) : null}
      <OutlineProposalCount count={proposals} />
    </span>
  );
}

/** "New" for a proposed new clause, "Deletion" for one proposed for deletion; said in full to a screen reader. */
function OutlineClauseProposal({ kind }: { kind: 'new' | 'deletion' }) {
  const words = kind === 'new' ? 'proposed new clause' : 'proposed for deletion';
  return (
    <span className={`outline-badge outline-badge-clause-proposal outline-badge-clause-${kind}`} title={words}>
      <span aria-hidden="true">{kind === 'new' ? 'New' : 'Deletion'}</span>
      <span className="visually-hidden">, {words}</span>
    </span>
  );
}

const NO_PROPOSALS: Readonly<Record<string, number>> = {};

/** The first words of a clause body, for clauses without a heading; follows the text live. */
function useBodySummary(body: Y.XmlFragment | null): string {
  useYjsVersion(body, true);
  if (!body) return '';
  const text = readParagraphs(body).join(' ').trim();
  return text.length > 60 ? `${text.slice(0, 60).trimEnd()}…` : text;
}
