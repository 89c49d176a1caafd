import { useCallback, useEffect, useId, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { isClauseProposal, type Amendment } from '../../shared/amendments/clauseProposals.js';
import type { Decision } from '../../shared/amendments/decideProposals.js';
import { isAgreedStatus } from '../../shared/negotiation/clauseStatus.js';
import { passageRange, quoteOf, useComments, type CommentThread } from '../comments/index.js';
import { ApiError, toApiError } from '../common/api/ApiError.js';
import { ConfirmDialog } from '../common/components/ConfirmDialog.js';
import { clauseName } from '../common/draft/clauseName.js';
import { useDraftArchived } from '../common/draft/draftArchived.js';
import type { NumberedClause } from '../common/draft/useOrderedClauses.js';
import { useNegotiation } from '../negotiation/index.js';
import { useAmendments } from './AmendmentsContext.js';
import { mayDecide, mayWithdraw } from './amendmentPermissions.js';
import { describeDecisionError } from './describeDecisionError.js';
import { countProposalsInWords, delegationLabel } from './describeProposal.js';
import { countByDelegation, groupByClause, proposalsIn, type DecisionScope } from './groupProposals.js';
import { discussedOnWholeClause, proposalAnchor, proposalRanges, threadsOnProposal, type BodyRange } from './proposalComments.js';
import { ProposalItem } from './ProposalItem.js';
import { PROPOSALS_PANEL_ID, useProposals, useProposalsPanel } from './ProposalsContext.js';

/** A bulk decision waiting for the secretariat's confirmation. */
interface PendingBulk {
  scope: DecisionScope;
  decision: Decision;
  count: number;
  /** "in OP2", "by Norway", "in the whole draft". */
  where: string;
  /** Proposals in the scope left as they are because their clause is agreed. */
  locked: number;
}

/**
 * Brings a proposal into view in the text: its passage when its editor or preview is on the page, else its
 * clause (always, for a proposal on a whole clause).
 */
export function showProposalInText(proposal: Amendment): void {
  const card = document.querySelector<HTMLElement>(`.clause-list [data-clause-id="${CSS.escape(proposal.clauseId)}"]`);
  const passage = isClauseProposal(proposal)
    ? null
    : card?.querySelector<HTMLElement>(`.proposal[data-proposal-id="${CSS.escape(proposal.id)}"]`);
  (passage ?? card)?.scrollIntoView({ block: 'center' });
}

const NO_THREADS: ReadonlyMap<string, CommentThread[]> = new Map();

/**
 * The comment threads on each proposal, by proposal id (proposalComments.ts): threads whose passage overlaps a
 * text proposal's, whole-clause threads for a proposal on a clause.
 */
function useThreadsOnProposals(
  proposals: readonly Amendment[] | undefined,
  clauses: ReadonlyMap<string, NumberedClause>,
  threads: readonly CommentThread[] | undefined,
): ReadonlyMap<string, CommentThread[]> {
  return useMemo(() => {
    if (!proposals || !threads || threads.length === 0) return NO_THREADS;
    const entries = threads.map((thread) => ({ id: thread.id, clauseId: thread.clauseId, anchor: thread.root.anchor, thread }));
    const onProposal = new Map<string, CommentThread[]>();
    const rangesByClause = new Map<string, ReturnType<typeof proposalRanges>>();
    // Where each thread's passage is now, resolved once however many proposals its clause holds.
    const passages = new Map<string, BodyRange | null>();
    for (const proposal of proposals) {
      const clause = clauses.get(proposal.clauseId);
      const doc = clause?.map.doc;
      if (!clause || !doc) continue;
      let ranges = rangesByClause.get(clause.id);
      if (!ranges) {
        ranges = proposalRanges(clause.body);
        rangesByClause.set(clause.id, ranges);
      }
      const found = threadsOnProposal(proposal, entries, ranges, (entry) => {
        if (!entry.anchor) return null;
        if (!passages.has(entry.id)) passages.set(entry.id, passageRange(doc, entry.clauseId, entry.anchor));
        return passages.get(entry.id) ?? null;
      });
      if (found.length > 0)
        onProposal.set(
          proposal.id,
          found.map((entry) => entry.thread),
        );
    }
    return onProposal;
  }, [proposals, clauses, threads]);
}

/**
 * The proposals panel (the page's third column, where comments otherwise go): every undecided proposal of the
 * draft grouped by clause in reading order, with how many there are per delegation; a delegation filter; the
 * secretariat's Accept and Reject, one by one, per clause, per delegation and for the whole draft (bulk
 * decisions ask first and say how many); a delegate's Withdraw on their own delegation's proposals. Proposals on
 * agreed clauses are locked and say so. A labelled complementary region; Escape closes it.
 */
export function ProposalsPanel({ clauses }: { clauses: readonly NumberedClause[] }) {
  const ctx = useProposals();
  const panelCtx = useProposalsPanel();
  const comments = useComments();
  const startThread = comments?.actions.startThread;
  const openThreads = comments?.actions.openClause;
  const { editingMode } = useAmendments();
  const negotiation = useNegotiation();
  const archived = useDraftArchived();
  const box = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const filterId = useId();
  const [filter, setFilter] = useState<string>('');
  const [bulk, setBulk] = useState<PendingBulk | null>(null);
  const open = panelCtx?.panel.open ?? false;
  const selectedId = panelCtx?.panel.selectedId ?? null;
  const focusToken = panelCtx?.panel.focusToken ?? 0;

  // A proposal picked (here or in the text) is brought into view in the list; a new request also moves focus.
  useEffect(() => {
    if (!open || !selectedId) return;
    box.current?.querySelector<HTMLElement>(`[data-proposal-id="${CSS.escape(selectedId)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [open, selectedId]);
  useEffect(() => {
    if (!open) return;
    const item = selectedId ? box.current?.querySelector<HTMLElement>(`[data-proposal-id="${CSS.escape(selectedId)}"]`) : null;
    (item ?? heading.current)?.focus({ preventScroll: Boolean(item) });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new request moves focus, not a selection made in the text
  }, [open, focusToken]);

  // A decision takes its proposal out of the list, and with it the button that had focus: focus goes on to the
  // proposal now in its place (or the heading), so a keyboard user can go on deciding.
  const lastFocused = useRef<number | null>(null);
  const proposalsNow = ctx?.proposals;
  useEffect(() => {
    if (!open || lastFocused.current === null || (document.activeElement && document.activeElement !== document.body)) return;
    const items = box.current?.querySelectorAll<HTMLElement>('.proposal-item');
    const next = items && items.length > 0 ? items[Math.min(lastFocused.current, items.length - 1)] : null;
    (next ?? heading.current)?.focus();
  }, [open, proposalsNow]);
  const noteFocus = (event: FocusEvent) => {
    const item = event.target instanceof Element ? event.target.closest('.proposal-item') : null;
    lastFocused.current = item && box.current ? [...box.current.querySelectorAll('.proposal-item')].indexOf(item) : null;
  };

  const byId = useMemo(() => new Map(clauses.map((clause) => [clause.id, clause])), [clauses]);
  const threadsOn = useThreadsOnProposals(open ? ctx?.proposals : undefined, byId, comments?.threads);
  const latestThreads = useRef(threadsOn);
  latestThreads.current = threadsOn;

  // Commenting on a proposal opens the comments panel (which takes this panel's place) with a new thread on
  // the proposal's passage, or on the whole clause for a proposal on a clause.
  const commentOn = useCallback(
    (proposal: Amendment) => {
      const clause = byId.get(proposal.clauseId);
      if (!startThread || !clause) return;
      startThread(proposal.clauseId, discussedOnWholeClause(proposal) ? null : proposalAnchor(clause.body, proposal.id, quoteOf));
    },
    [byId, startThread],
  );
  const showThreads = useCallback(
    (proposal: Amendment) => {
      const first = latestThreads.current.get(proposal.id)?.[0];
      if (first && openThreads) openThreads(proposal.clauseId, { threadId: first.id });
    },
    [openThreads],
  );

  if (!ctx || !panelCtx || !open) return null;
  const { me, proposals, nameOf, decide, decideMany, announcement } = ctx;
  const { select, closePanel } = panelCtx;
  // Nothing is decided, withdrawn or newly commented on in an archived draft; its proposals stay listed.
  const secretariat = mayDecide(me) && !archived;
  const delegations = countByDelegation(proposals, nameOf);
  const shownDelegation = delegations.some((d) => d.delegationId === filter) ? filter : '';
  const shown = shownDelegation ? proposalsIn(proposals, { delegationId: shownDelegation }) : proposals;
  const groups = groupByClause(shown);
  const nameOfClause = (clauseId: string) => {
    const clause = byId.get(clauseId);
    return clause ? clauseName(clause, clause.heading.toString()) : 'a clause';
  };
  const locked = (clauseId: string) => (negotiation ? isAgreedStatus(negotiation.statusOf(clauseId)) : false);
  const by = shownDelegation ? ` by ${delegationLabel(shownDelegation, nameOf)}` : '';
  const lockedCount = shown.filter((p) => locked(p.clauseId)).length;
  const decidable = shown.length - lockedCount;

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      closePanel();
    }
  };
  const askBulk = (scope: DecisionScope, decision: Decision, count: number, where: string, lockedInScope = 0) =>
    setBulk({ scope, decision, count, where, locked: lockedInScope });
  const show = (proposal: Amendment) => {
    select(proposal.id);
    showProposalInText(proposal);
  };

  return (
    <aside id={PROPOSALS_PANEL_ID} ref={box} className="proposals-panel" aria-label="Proposals" onKeyDown={onKeyDown} onFocus={noteFocus}>
      <div className="proposals-panel-header">
        <h2 ref={heading} tabIndex={-1} className="proposals-panel-title">
          Proposals
        </h2>
        <button type="button" className="proposals-panel-close" aria-label="Close proposals" title="Close (Escape)" onClick={closePanel}>
          ×
        </button>
      </div>
      <p className="proposals-panel-summary" data-total={proposals.length}>
        {proposals.length === 0
          ? 'No proposals to decide.'
          : `${countProposalsInWords(proposals.length)} from ${delegations.length} ${delegations.length === 1 ? 'delegation' : 'delegations'}`}
      </p>
      {delegations.length > 0 ? (
        <ul className="proposal-delegations" aria-label="Proposals per delegation">
          {delegations.map(({ delegationId, count }) => (
            <li key={delegationId} data-delegation-id={delegationId}>
              <span className="proposal-chip" data-delegation={delegationId}>
                {delegationLabel(delegationId, nameOf)}
              </span>{' '}
              <span className="proposal-delegation-count">{count}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {proposals.length > 0 ? (
        <div className="proposals-panel-tools">
          {delegations.length > 1 ? (
            <div className="proposals-filter">
              <label htmlFor={filterId} className="proposals-filter-label">
                Show
              </label>
              <select
                id={filterId}
                className="input select proposals-filter-select"
                value={shownDelegation}
                onChange={(e) => setFilter(e.target.value)}
              >
                <option value="">Every delegation ({proposals.length})</option>
                {delegations.map(({ delegationId, count }) => (
                  <option key={delegationId} value={delegationId}>
                    {delegationLabel(delegationId, nameOf)} ({count})
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {secretariat && decidable > 0 ? (
            <div className="proposals-bulk" role="group" aria-label={`Decide every proposal${by}`}>
              {(['accept', 'reject'] as const).map((decision) => (
                <button
                  key={decision}
                  type="button"
                  className="button button-small button-secondary"
                  onClick={() =>
                    askBulk(
                      { delegationId: shownDelegation || undefined },
                      decision,
                      decidable,
                      by ? by.trim() : 'in the whole draft',
                      lockedCount,
                    )
                  }
                >
                  {decision === 'accept' ? 'Accept' : 'Reject'} all{by} ({decidable})…
                </button>
              ))}
            </div>
          ) : null}
        </div>
      ) : (
        <p className="proposals-empty">
          {editingMode === 'amendments'
            ? 'In amendments mode, what a delegate types or deletes, and each clause they propose to add or delete, becomes a proposal of their delegation and is listed here.'
            : 'The draft is in direct editing: delegates change the text directly, so no proposals are made.'}
        </p>
      )}
      <ol className="proposal-groups" aria-label={`Clauses with proposals${by}`}>
        {groups.map((group) => {
          const name = nameOfClause(group.clauseId);
          const isLocked = locked(group.clauseId);
          const clause = byId.get(group.clauseId);
          const headingText = clause?.heading.toString().trim() ?? '';
          return (
            <li key={group.clauseId} className="proposal-group" data-clause-id={group.clauseId}>
              <div className="proposal-group-head">
                <h3 className="proposal-group-title">
                  <span className="proposal-group-name">{name}</span>
                  {headingText && clause?.number ? (
                    <span className="proposal-group-heading" title={headingText}>
                      {headingText}
                    </span>
                  ) : null}
                </h3>
                <span className="proposal-group-count">{countProposalsInWords(group.proposals.length)}</span>
              </div>
              {isLocked ? (
                <p className="proposal-group-locked">
                  {name} is agreed, so its proposals are locked: they can be decided or withdrawn once the clause is reopened.
                </p>
              ) : secretariat && group.proposals.length > 1 ? (
                <div className="proposal-group-bulk" role="group" aria-label={`Decide every proposal${by} in ${name}`}>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() =>
                      askBulk(
                        { clauseId: group.clauseId, delegationId: shownDelegation || undefined },
                        'accept',
                        group.proposals.length,
                        `in ${name}${by}`,
                      )
                    }
                  >
                    Accept all in {name}
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() =>
                      askBulk(
                        { clauseId: group.clauseId, delegationId: shownDelegation || undefined },
                        'reject',
                        group.proposals.length,
                        `in ${name}${by}`,
                      )
                    }
                  >
                    Reject all in {name}
                  </button>
                </div>
              ) : null}
              <ol className="proposal-list">
                {group.proposals.map((proposal) => (
                  <ProposalItem
                    key={proposal.id}
                    proposal={proposal}
                    delegation={nameOf(proposal.delegationId)}
                    selected={proposal.id === selectedId}
                    canDecide={secretariat && !isLocked}
                    canWithdraw={!secretariat && !isLocked && !archived && mayWithdraw(me, proposal)}
                    where={name}
                    onShow={show}
                    onDecide={decide}
                    comments={threadsOn.get(proposal.id)?.length ?? 0}
                    onComment={startThread && !archived ? commentOn : null}
                    onShowComments={openThreads ? showThreads : null}
                  />
                ))}
              </ol>
            </li>
          );
        })}
      </ol>
      <ConfirmDialog
        open={bulk !== null}
        title={bulk ? `${bulk.decision === 'accept' ? 'Accept' : 'Reject'} ${countProposalsInWords(bulk.count)}?` : ''}
        confirmLabel={bulk ? `${bulk.decision === 'accept' ? 'Accept' : 'Reject'} ${countProposalsInWords(bulk.count)}` : ''}
        destructive={bulk?.decision === 'reject'}
        onClose={() => setBulk(null)}
        onConfirm={async () => {
          if (!bulk) return;
          try {
            await decideMany(bulk.scope, bulk.decision);
          } catch (reason) {
            const error = toApiError(reason);
            throw new ApiError(error.code, describeDecisionError(error), error.status);
          }
        }}
      >
        {bulk ? (
          <p>
            {bulk.decision === 'accept'
              ? `Every undecided proposal ${bulk.where} (${countProposalsInWords(bulk.count)}) becomes part of the text: inserted text stays, text proposed for deletion goes.`
              : `Every undecided proposal ${bulk.where} (${countProposalsInWords(bulk.count)}) is turned down: proposed insertions leave the text, text proposed for deletion stays.`}{' '}
            {bulk.locked > 0
              ? `${countProposalsInWords(bulk.locked)} on agreed clauses ${bulk.locked === 1 ? 'stays' : 'stay'} as ${bulk.locked === 1 ? 'it is' : 'they are'} until the clause is reopened. `
              : ''}
            Each decision is recorded in the audit log.
          </p>
        ) : null}
      </ConfirmDialog>
      <div className="visually-hidden" role="status">
        {announcement}
      </div>
    </aside>
  );
}
