import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { DEFAULT_CLAUSE_STATUS } from '../../shared/negotiation/clauseStatus.js';
import { useSession } from '../session/index.js';
import { SHOW_EVERYTHING, type ClauseSelection } from './clauseVisibility.js';
import { currentStatuses } from './currentStatuses.js';
import { negotiationApi } from './negotiationApi.js';
import { NegotiationContext, type NegotiationActions, type NegotiationContextValue } from './NegotiationContext.js';
import { useNegotiationState } from './useNegotiationState.js';

/**
 * The negotiation records of one draft for everything on its page: clause statuses with their history,
 * positions, the numbering base (all live from the draft's event stream), the page's status filter and
 * text view, and the changes this page can make. A change shows as soon as the server has answered; its
 * echo on the stream changes nothing more.
 */
export function NegotiationProvider({ draftId, children }: { draftId: string | null; children: ReactNode }) {
  const { me } = useSession();
  const live = useNegotiationState(draftId);
  const { state, apply } = live;
  const [selection, setSelectionState] = useState<ClauseSelection>(SHOW_EVERYTHING);
  const setSelection = useCallback((change: Partial<ClauseSelection>) => setSelectionState((current) => ({ ...current, ...change })), []);

  const current = useMemo(() => currentStatuses(state?.statuses ?? []), [state?.statuses]);
  const latestDraftId = useRef(draftId);
  latestDraftId.current = draftId;

  const actions = useMemo<NegotiationActions>(() => {
    const id = () => latestDraftId.current ?? '';
    return {
      async setStatus(clauseId, body) {
        const entry = await negotiationApi.setStatus(id(), clauseId, body);
        apply({ type: 'clause.status', entry });
        return entry;
      },
      async setPosition(clauseId, delegationId, body) {
        const position = await negotiationApi.setPosition(id(), clauseId, delegationId, body);
        apply({ type: 'position.changed', position });
        return position;
      },
      async withdrawPosition(clauseId, delegationId) {
        // The answer carries no time, so it could not be told from a colleague's newer position that the
        // stream delivered meanwhile: the withdrawal shows when its event arrives on the stream (at once).
        await negotiationApi.withdrawPosition(id(), clauseId, delegationId);
      },
    };
  }, [apply]);

  const value = useMemo<NegotiationContextValue | null>(() => {
    if (!draftId) return null;
    return {
      draftId,
      me,
      state,
      error: live.error,
      reload: live.reload,
      numbering: state?.numbering ?? null,
      statusOf: (clauseId) => current.get(clauseId)?.status ?? DEFAULT_CLAUSE_STATUS,
      historyOf: (clauseId) => (state?.statuses ?? []).filter((entry) => entry.clauseId === clauseId),
      positionsOf: (clauseId) => (state?.positions ?? []).filter((position) => position.clauseId === clauseId),
      selection,
      setSelection,
      actions,
    };
  }, [draftId, me, state, live.error, live.reload, current, selection, setSelection, actions]);
  return <NegotiationContext.Provider value={value}>{children}</NegotiationContext.Provider>;
}
