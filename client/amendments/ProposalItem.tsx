import { memo, useState } from 'react';
import { isClauseProposal, type Amendment } from '../../shared/amendments/clauseProposals.js';
import type { Decision } from '../../shared/amendments/decideProposals.js';
import { toApiError } from '../common/api/ApiError.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { KIND_NOUN, PROPOSAL_KIND_LABEL, shortText } from './describeProposal.js';
import { describeDecisionError } from './describeDecisionError.js';

/** How much of a proposal's text the panel shows (the whole of it is in the text and in the title). */
const SHOWN_CHARS = 280;

/** How long a decided proposal's buttons stay disabled while the text catches up. @default 5000 ms */
const DECIDED_GRACE_MS = 5000;

export interface ProposalItemProps {
  proposal: Amendment;
  delegation: string | null;
  selected: boolean;
  /** Accept and Reject (the secretariat on a clause that is not locked). */
  canDecide: boolean;
  /** Withdraw (a delegate of the proposing delegation, on a clause that is not locked). */
  canWithdraw: boolean;
  /** Where the proposal is, for the buttons' names ("in OP2"). */
  where: string;
  onShow: (proposal: Amendment) => void;
  onDecide: (proposal: Amendment, decision: Decision) => Promise<void>;
  /** Comment threads on the proposal (see proposalComments.ts). @default 0 */
  comments?: number;
  /** Starts a comment thread on the proposal (its passage, or its whole clause); null where comments are not available. @default null */
  onComment?: ((proposal: Amendment) => void) | null;
  /** Shows the proposal's comment threads. @default null */
  onShowComments?: ((proposal: Amendment) => void) | null;
}

/** "1 comment thread", "2 comment threads". */
function countThreads(count: number): string {
  return `${count} comment ${count === 1 ? 'thread' : 'threads'}`;
}

/**
 * One proposal in the panel: whose (a chip in the delegation's colour), what kind, its text (as inserted or
 * struck out, a whole clause's heading and text for a proposal on a clause; choosing it shows it in the
 * text), the decisions this member may take, each saying what went wrong when the server refuses, and its
 * comment threads: how many, and Comment to start one (where others say they can live with it, or object).
 */
export const ProposalItem = memo(function ProposalItem(props: ProposalItemProps) {
  const { proposal, delegation, selected, canDecide, canWithdraw, where, onShow, onDecide } = props;
  const { comments = 0, onComment = null, onShowComments = null } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = delegation ?? 'a delegation';
  const onClause = proposal.kind === 'clause-insertion' || proposal.kind === 'clause-deletion';
  const text = proposal.text.length > SHOWN_CHARS ? `${proposal.text.slice(0, SHOWN_CHARS).trimEnd()}…` : proposal.text;
  const shown = text === '' && onClause ? 'Empty clause' : text;
  const quoted = proposal.text.trim() === '' ? '' : `, “${shortText(proposal.text, 40)}”`;
  const inHeading = !isClauseProposal(proposal) && proposal.inHeading === true;
  const described = `the ${KIND_NOUN[proposal.kind]} by ${name} in ${inHeading ? `the heading of ${where}` : where}${quoted}`;
  const inserts = proposal.kind === 'insertion' || proposal.kind === 'clause-insertion';

  async function run(decision: Decision) {
    setBusy(true);
    setError(null);
    try {
      await onDecide(proposal, decision);
      // Still busy: the proposal leaves the list as soon as the decision reaches the text (should that take
      // longer, the buttons come back after a while rather than stay dead).
      setTimeout(() => setBusy(false), DECIDED_GRACE_MS);
    } catch (reason) {
      setError(describeDecisionError(toApiError(reason)));
      setBusy(false);
    }
  }

  return (
    <li
      className={selected ? 'proposal-item proposal-item-selected' : 'proposal-item'}
      data-proposal-id={proposal.id}
      data-delegation={proposal.delegationId}
      data-kind={proposal.kind}
      tabIndex={-1}
    >
      <div className="proposal-item-head">
        <span className="proposal-chip" data-delegation={proposal.delegationId}>
          {name}
        </span>
        <span className="proposal-kind">
          {PROPOSAL_KIND_LABEL[proposal.kind]}
          {inHeading ? ' in heading' : null}
        </span>
      </div>
      <button
        type="button"
        className="proposal-item-text"
        title={proposal.text.length > SHOWN_CHARS ? proposal.text : undefined}
        aria-label={`Show in the text: ${described}`}
        onClick={() => onShow(proposal)}
      >
        {inserts ? <ins className={text === '' ? 'proposal-item-empty' : undefined}>{shown}</ins> : <del>{shown}</del>}
      </button>
      {canDecide || canWithdraw || onComment || comments > 0 ? (
        <div className="proposal-item-actions">
          {canDecide ? (
            <>
              <button type="button" className="button button-small" disabled={busy} onClick={() => void run('accept')}>
                Accept<span className="visually-hidden"> {described}</span>
              </button>
              <button type="button" className="button button-small button-secondary" disabled={busy} onClick={() => void run('reject')}>
                Reject<span className="visually-hidden"> {described}</span>
              </button>
            </>
          ) : canWithdraw ? (
            <button type="button" className="button button-small button-secondary" disabled={busy} onClick={() => void run('reject')}>
              Withdraw<span className="visually-hidden"> {described}</span>
            </button>
          ) : null}
          {onComment ? (
            <button type="button" className="link-button proposal-item-comment" onClick={() => onComment(proposal)}>
              Comment<span className="visually-hidden"> on {described}</span>
            </button>
          ) : null}
          {comments > 0 ? (
            onShowComments ? (
              <button
                type="button"
                className="link-button proposal-item-threads"
                data-threads={comments}
                onClick={() => onShowComments(proposal)}
              >
                {countThreads(comments)}
                <span className="visually-hidden"> on {described}</span>
              </button>
            ) : (
              <span className="proposal-item-threads" data-threads={comments}>
                {countThreads(comments)}
              </span>
            )
          ) : null}
        </div>
      ) : null}
      <ErrorMessage error={error} />
    </li>
  );
});
