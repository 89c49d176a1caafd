import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type * as Y from 'yjs';
import type { Amendment } from '../../shared/amendments/clauseProposals.js';
import type { Decision } from '../../shared/amendments/decideProposals.js';
import type { ProposalView } from '../../shared/amendments/proposals.js';
import type { EditingMode } from '../../shared/api/drafts.js';
import type { MeResponse } from '../../shared/api/session.js';
import { useComments } from '../comments/index.js';
import { delegationsApi } from '../members/index.js';
import { AmendmentsContext, type AmendmentsContextValue } from './AmendmentsContext.js';
import { amendmentsApi } from './amendmentsApi.js';
import { describeDecision, describeManyDecided } from './describeProposal.js';
import type { DecisionScope } from './groupProposals.js';
import { ProposalColours } from './ProposalColours.js';
import {
  ProposalsContext,
  ProposalsPanelContext,
  type ProposalsContextValue,
  type ProposalsPanelContextValue,
  type ProposalsPanelState,
} from './ProposalsContext.js';
import { useDraftProposals } from './useDraftProposals.js';

export interface AmendmentsProviderProps {
  draftId: string;
  /** The live document once synced; null before (no proposals yet). */
  doc: Y.Doc | null;
  /** The draft's editing mode as its summary says now (kept live by the page). */
  editingMode: EditingMode;
  me: MeResponse | null;
  children: ReactNode;
}

/** Shortest time between two loads of the delegations' names caused by a name not known. @default 30000 ms */
const NAMES_RELOAD_MS = 30_000;

/**
 * The draft page's amendments: the editing mode, which text the page shows (all proposals, the accepted text,
 * or as if all were accepted) and the delegation this member proposes for (AmendmentsContext, read by the
 * clause editors); and the live list of proposals with the panel and the decisions (ProposalsContext).
 * The proposals panel and the comments panel share the page's third column: opening one closes the other.
 */
export function AmendmentsProvider({ draftId, doc, editingMode, me, children }: AmendmentsProviderProps) {
  const [view, setView] = useState<ProposalView>('all');
  const proposeAs = editingMode === 'amendments' && me?.role === 'delegate' ? (me.delegation?.id ?? null) : null;
  const amendments = useMemo<AmendmentsContextValue>(() => ({ editingMode, view, setView, proposeAs }), [editingMode, view, proposeAs]);

  const proposals = useDraftProposals(doc);
  const byClause = useMemo(() => {
    const counts: Record<string, number> = {};
    for (const p of proposals) counts[p.clauseId] = (counts[p.clauseId] ?? 0) + 1;
    return counts;
  }, [proposals]);
  const names = useDelegationNames(proposals);

  const [panel, setPanel] = useState<ProposalsPanelState>({ open: false, selectedId: null, focusToken: 0 });
  const [announcement, setAnnouncement] = useState('');
  const comments = useComments();
  const closeComments = comments?.actions.close;
  const commentsOpen = comments?.panel.open ?? false;
  const returnFocus = useRef<HTMLElement | null>(null);
  const latest = useRef({ panel, proposals, nameOf: names.nameOf, closeComments, commentsOpen });
  latest.current = { panel, proposals, nameOf: names.nameOf, closeComments, commentsOpen };

  // The comments panel opened (it shares the third column): this one gives way.
  useEffect(() => {
    if (commentsOpen) setPanel((p) => (p.open ? { ...p, open: false } : p));
  }, [commentsOpen]);

  const openPanel = useCallback((selectId?: string) => {
    const { panel: current, commentsOpen: otherOpen, closeComments: close } = latest.current;
    if (!current.open && !otherOpen) returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (otherOpen) close?.();
    setPanel((p) => ({ open: true, selectedId: selectId ?? p.selectedId, focusToken: p.focusToken + 1 }));
  }, []);
  const closePanel = useCallback(() => {
    setPanel((p) => ({ ...p, open: false, selectedId: null }));
    const back = returnFocus.current;
    returnFocus.current = null;
    if (back?.isConnected) back.focus();
  }, []);
  const select = useCallback((proposalId: string | null, focus = false) => {
    setPanel((p) => ({ ...p, selectedId: proposalId, focusToken: focus ? p.focusToken + 1 : p.focusToken }));
  }, []);

  const decide = useCallback(
    async (proposal: Amendment, decision: Decision) => {
      await amendmentsApi.decide(draftId, proposal.id, decision);
      setAnnouncement(describeDecision(proposal, decision, latest.current.nameOf, latest.current.proposals.length - 1));
    },
    [draftId],
  );
  const decideMany = useCallback(
    async (scope: DecisionScope, decision: Decision) => {
      const { decided } = await amendmentsApi.decideMany(draftId, scope, decision);
      setAnnouncement(describeManyDecided(decided.length, decision));
      return decided.length;
    },
    [draftId],
  );

  const value = useMemo<ProposalsContextValue>(
    () => ({ draftId, me, proposals, byClause, nameOf: names.nameOf, decide, decideMany, announcement }),
    [draftId, me, proposals, byClause, names, decide, decideMany, announcement],
  );
  const panelValue = useMemo<ProposalsPanelContextValue>(
    () => ({ panel, openPanel, closePanel, select }),
    [panel, openPanel, closePanel, select],
  );

  const delegationIds = useMemo(() => [...names.ids, ...proposals.map((p) => p.delegationId)], [names, proposals]);
  return (
    <AmendmentsContext.Provider value={amendments}>
      <ProposalsContext.Provider value={value}>
        <ProposalsPanelContext.Provider value={panelValue}>
          <ProposalColours delegationIds={delegationIds} selectedId={panel.open ? panel.selectedId : null} />
          {children}
        </ProposalsPanelContext.Provider>
      </ProposalsContext.Provider>
    </AmendmentsContext.Provider>
  );
}

/**
 * The delegations' names by id (GET /api/delegations, which every member may read), loaded once and again when
 * a proposal names a delegation not known yet (added since), at most every NAMES_RELOAD_MS. A new object when
 * names arrive, so what shows them re-renders.
 */
function useDelegationNames(proposals: readonly Amendment[]): { nameOf: (id: string) => string | null; ids: string[] } {
  const [names, setNames] = useState<ReadonlyMap<string, string> | null>(null);
  const lastLoad = useRef(Number.NEGATIVE_INFINITY);
  const load = useCallback(() => {
    lastLoad.current = Date.now();
    delegationsApi.list().then(
      (list) => setNames(new Map(list.map((d) => [d.id, d.name]))),
      () => {
        // Without names the panel and the text show no tag names; the next unknown id tries again.
      },
    );
  }, []);
  useEffect(load, [load]);
  const unknown = names !== null && proposals.some((p) => !names.has(p.delegationId));
  useEffect(() => {
    if (unknown && Date.now() - lastLoad.current >= NAMES_RELOAD_MS) load();
  }, [unknown, load]);
  return useMemo(() => ({ nameOf: (id: string) => names?.get(id) ?? null, ids: names ? [...names.keys()] : [] }), [names]);
}
