import { memo, useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { ClausePlacement } from '../../shared/doc/clausePlacement.js';
import { numberClauses } from '../../shared/doc/numberClauses.js';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import type { ClauseKind } from '../../shared/doc/schema.js';
import {
  clauseProposalActions,
  ProposalsBar,
  ProposalsPanel,
  proposalViewClass,
  useAmendments,
  useProposalsPanel,
} from '../amendments/index.js';
import { CommentsPanel, useComments } from '../comments/index.js';
import type { DraftConnection } from '../common/collab/DraftConnection.js';
import { CLAUSE_KIND_LABEL, clauseName } from '../common/draft/clauseName.js';
import { useOrderedClauses, type NumberedClause } from '../common/draft/useOrderedClauses.js';
import { ClauseSelectionBar, useNegotiation, useVisibleClauses } from '../negotiation/index.js';
import type { ClauseActions } from './ClauseActions.js';
import { ClauseCard } from './ClauseCard.js';
import { ClauseOutline } from './ClauseOutline.js';
import { EmptyDraft } from './EmptyDraft.js';
import { focusClause } from './focusClause.js';
import { optionActions } from './optionActions.js';
import { UndoToast } from './UndoToast.js';
import { useChangeAnnouncer } from './useChangeAnnouncer.js';
import { useClauseDrag } from './useClauseDrag.js';
import { useClauseStructure } from './useClauseStructure.js';
import { useStructureUndoKeys } from './useStructureUndoKeys.js';

export interface DraftWorkspaceProps {
  connection: DraftConnection;
  canEdit: boolean;
  user: { name: string; delegation: string | null };
}

interface DeletedClause {
  id: string;
  message: string;
  /** Where it was, for restoring it if it is no longer this person's latest undo step. */
  placement: ClausePlacement;
}

/**
 * The synced draft: outline, clauses and the structure controls, the deletion toast and a live region
 * announcing structural changes. Rendered once the document has had its first sync. Memoised, so the
 * save indicator and presence changing on every keystroke do not re-render the clause list. The comments
 * panel or the proposals panel, when open, is the third column. The proposals view (all proposals, accepted
 * text, if all accepted) is a class on the root, by which amendments.css hides or flattens proposals; outside
 * "All proposals" the text is read-only. Clicking a proposal in the text picks it in the open proposals panel.
 */
export const DraftWorkspace = memo(function DraftWorkspace({ connection, canEdit, user }: DraftWorkspaceProps) {
  const { doc, provider } = connection;
  const comments = useComments();
  const commentsOpen = comments?.panel.open ?? false;
  const { view } = useAmendments();
  const proposalsPanel = useProposalsPanel();
  const proposalsOpen = (proposalsPanel?.panel.open ?? false) && !commentsOpen;
  const select = proposalsPanel?.select;
  const numbering = useNegotiation()?.numbering ?? null;
  const clauses = useOrderedClauses(doc, numbering);
  // The status filter and the agreed-text view (read-only) choose which clauses show.
  const { visible, selection } = useVisibleClauses(clauses);
  const readOnlyView = selection.view === 'agreed' || view !== 'all';
  const structure = useClauseStructure(doc);
  const [announcement, setAnnouncement] = useState('');
  const [deleted, setDeleted] = useState<DeletedClause | null>(null);
  const [focusAfterRender, setFocusAfterRender] = useState<{ id: string; target: 'text' | 'heading' } | null>(null);
  const latest = useRef({ clauses, structure, numbering });
  latest.current = { clauses, structure, numbering };
  const announce = useCallback((text: string) => setAnnouncement(text), []);
  const othersChanged = useChangeAnnouncer({
    doc,
    provider,
    clauses,
    threads: comments?.data.loaded ? comments.threads : null,
    meId: comments?.me?.id ?? null,
  });
  useStructureUndoKeys(canEdit ? structure : null, announce);

  const actions = useMemo<ClauseActions>(
    () => ({
      add(kind: ClauseKind, placement: ClausePlacement) {
        const id = latest.current.structure?.add(kind, placement);
        if (!id) return;
        const where = placement.before ? 'above' : 'below';
        const reference = findName(latest.current.clauses, placement.before ?? placement.after ?? null);
        announce(`New ${CLAUSE_KIND_LABEL[kind]} added${reference ? ` ${where} ${reference}` : ''}.`);
        setFocusAfterRender({ id, target: kind === 'section' ? 'heading' : 'text' });
      },
      move(id: string, placement: ClausePlacement, direction: 'up' | 'down' | 'drag') {
        const before = findName(latest.current.clauses, id) ?? 'Clause';
        const focused = document.activeElement;
        if (!latest.current.structure?.move(id, placement)) return;
        const after = findName(numberClauses(readOrderedClauses(doc), latest.current.numbering), id);
        const moved = `${capitalise(before)} moved${direction === 'drag' ? '' : ` ${direction}`}`;
        announce(after && after !== before ? `${moved}; it is now ${after}.` : `${moved}.`);
        requestAnimationFrame(() => {
          if (focused instanceof HTMLElement && focused.isConnected && document.activeElement !== focused)
            focused.focus({ preventScroll: true });
          document.querySelector(`[data-clause-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest' });
        });
      },
      remove(id: string) {
        const list = latest.current.clauses;
        const index = list.findIndex((clause) => clause.id === id);
        const name = findName(list, id) ?? 'Clause';
        const previous = list[index - 1];
        const next = list[index + 1];
        if (!latest.current.structure?.remove(id)) return;
        setDeleted({
          id,
          message: `${capitalise(name)} deleted.`,
          placement: previous ? { after: previous.id } : next ? { before: next.id } : { at: 0 },
        });
      },
      ...optionActions({ doc, draftId: provider.roomname, announce, focusText: (id) => setFocusAfterRender({ id, target: 'text' }) }),
      ...clauseProposalActions({
        doc,
        draftId: provider.roomname,
        announce,
        focusText: (id) => setFocusAfterRender({ id, target: 'text' }),
        nameOf: (id) => findName(latest.current.clauses, id),
      }),
    }),
    [announce, doc, provider],
  );
  const { drag, dropTarget } = useClauseDrag((id, placement) => actions.move(id, placement, 'drag'));

  useEffect(() => {
    if (focusAfterRender && focusClause(focusAfterRender.id, focusAfterRender.target)) setFocusAfterRender(null);
  }, [focusAfterRender, clauses]);

  // Back in the reading order by other means (Ctrl+Z, someone else): the toast has nothing left to offer.
  useEffect(() => {
    if (deleted && clauses.some((clause) => clause.id === deleted.id)) setDeleted(null);
  }, [deleted, clauses]);

  const undoDeletion = useCallback(() => {
    if (!deleted) return;
    latest.current.structure?.restore(deleted.id, deleted.placement);
    setDeleted(null);
    announce('Clause restored.');
    requestAnimationFrame(() => focusClause(deleted.id));
  }, [deleted, announce]);

  const dismissToast = useCallback(() => {
    const hadFocus = Boolean(document.activeElement?.closest('.toast'));
    setDeleted(null);
    if (hadFocus) document.getElementById('main')?.focus();
  }, []);

  const jump = useCallback((id: string) => focusClause(id, 'text', 'start'), []);

  // A proposal clicked in the text is picked in the proposals panel, when that is open (it never opens by itself:
  // people click into proposals to type too).
  const pickProposal = useCallback(
    (event: MouseEvent<HTMLDivElement>) => {
      if (!proposalsOpen || !select || !(event.target instanceof Element)) return;
      const id = event.target.closest<HTMLElement>('.proposal[data-proposal-id]')?.dataset.proposalId;
      if (id) select(id);
    },
    [proposalsOpen, select],
  );

  return (
    <div
      className={`draft-layout ${proposalViewClass(view)}${commentsOpen ? ' draft-layout-with-comments' : proposalsOpen ? ' draft-layout-with-proposals' : ''}`}
    >
      <ClauseOutline doc={doc} clauses={visible} onJump={jump} />
      {/* A click only picks a proposal for the panel: a pointer shortcut, since the panel lists every proposal for the keyboard. */}
      <div className="clause-list" onClick={pickProposal}>
        <ClauseSelectionBar clauses={clauses} visible={visible} />
        {clauses.length > 0 ? <ProposalsBar /> : null}
        {clauses.length === 0 ? <EmptyDraft canEdit={canEdit} onAdd={(kind) => actions.add(kind, {})} /> : null}
        {visible.map((clause, index) => (
          <ClauseCard
            key={clause.id}
            id={clause.id}
            kind={clause.kind}
            number={clause.number}
            heading={clause.heading}
            body={clause.body}
            option={clause.option}
            noText={clause.noText}
            proposedBy={clause.proposedBy}
            deletionProposedBy={clause.deletionProposedBy}
            previousId={visible[index - 1]?.id ?? null}
            nextId={visible[index + 1]?.id ?? null}
            canEdit={canEdit && !readOnlyView}
            provider={provider}
            user={user}
            actions={actions}
            drag={drag}
            dropSide={dropTarget?.id === clause.id ? dropTarget.side : null}
          />
        ))}
      </div>
      <CommentsPanel doc={doc} clauses={clauses} />
      {commentsOpen ? null : <ProposalsPanel clauses={clauses} />}
      <div className="visually-hidden" role="status">
        {announcement}
      </div>
      <div className="visually-hidden" role="status" data-testid="others-changed">
        {othersChanged}
      </div>
      {deleted ? <UndoToast key={deleted.id} message={deleted.message} onUndo={undoDeletion} onDismiss={dismissToast} /> : null}
    </div>
  );
});

function findName(clauses: NumberedClause[], id: string | null): string | null {
  const clause = id ? clauses.find((c) => c.id === id) : undefined;
  return clause ? clauseName(clause, clause.heading.toString()) : null;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
