import { memo, useState } from 'react';
import type { Decision } from '../../shared/amendments/decideProposals.js';
import type { Proposal } from '../../shared/amendments/proposals.js';
import { toApiError } from '../common/api/ApiError.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { PROPOSAL_KIND_LABEL, shortText } from './describeProposal.js';
import { describeDecisionError } from './describeDecisionError.js';

/** How much of a proposal's text the panel shows (the whole of it is in the text and in the title). */
const SHOWN_CHARS = 280;

/** How long a decided proposal's buttons stay disabled while the text catches up. @default 5000 ms */
const DECIDED_GRACE_MS = 5000;

export interface ProposalItemProps {
  proposal: Proposal;
  delegation: string | null;
  selected: boolean;
  /** Accept and Reject (the secretariat on a clause that is not locked). */
  canDecide: boolean;
  /** Withdraw (a delegate of the proposing delegation, on a clause that is not locked). */
  canWithdraw: boolean;
  /** Where the proposal is, for the buttons' names ("in OP2"). */
  where: string;
  onShow: (proposal: Proposal) => void;
  onDecide: (proposal: Proposal, decision: Decision) => Promise<void>;
}

/**
 * One proposal in the panel: whose (a chip in the delegation's colour), what kind, its text (as inserted or
 * struck out; choosing it shows it in the text) and the decisions this member may take, each saying what
 * went wrong when the server refuses.
 */
export const ProposalItem = memo(function ProposalItem(props: ProposalItemProps) {
  const { proposal, delegation, selected, canDecide, canWithdraw, where, onShow, onDecide } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = delegation ?? 'a delegation';
  const text = proposal.text.length > SHOWN_CHARS ? `${proposal.text.slice(0, SHOWN_CHARS).trimEnd()}…` : proposal.text;
  const described = `the ${proposal.kind} by ${name} in ${where}, “${shortText(proposal.text, 40)}”`;

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
        <span className="proposal-kind">{PROPOSAL_KIND_LABEL[proposal.kind]}</span>
      </div>
      <button
        type="button"
        className="proposal-item-text"
        title={proposal.text.length > SHOWN_CHARS ? proposal.text : undefined}
        aria-label={`Show in the text: ${described}`}
        onClick={() => onShow(proposal)}
      >
        {proposal.kind === 'insertion' ? <ins>{text}</ins> : <del>{text}</del>}
      </button>
      {canDecide || canWithdraw ? (
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
          ) : (
            <button type="button" className="button button-small button-secondary" disabled={busy} onClick={() => void run('reject')}>
              Withdraw<span className="visually-hidden"> {described}</span>
            </button>
          )}
        </div>
      ) : null}
      <ErrorMessage error={error} />
    </li>
  );
});
