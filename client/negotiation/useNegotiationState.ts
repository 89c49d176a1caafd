import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DraftEvent } from '../../shared/api/events.js';
import type { NegotiationState } from '../../shared/api/negotiation.js';
import { toApiError, type ApiError } from '../common/api/ApiError.js';
import { openDraftEventStream } from '../common/api/draftEventStream.js';
import { applyNegotiationEvent } from './applyNegotiationEvent.js';
import { negotiationApi } from './negotiationApi.js';

export interface LiveNegotiation {
  /** The draft's statuses, positions, delegations and numbering base; null until the first load arrives. */
  state: NegotiationState | null;
  /** Why the last load failed, or null. */
  error: ApiError | null;
  /** Puts an event (or this page's own answer, as the event it stands for) into the state at once. */
  apply: (event: DraftEvent) => void;
  /** Loads everything again (after a failed load). */
  reload: () => void;
}

/** True for the events this state follows; a published revision also gets a fresh load (its numbering). */
function concerns(event: DraftEvent): boolean {
  return (
    event.type === 'clause.status' ||
    event.type === 'position.changed' ||
    event.type === 'position.withdrawn' ||
    event.type === 'numbering.changed'
  );
}

/**
 * A draft's negotiation state (GET /api/drafts/:id/negotiation), kept live from the draft's event stream.
 * Whenever the stream (re)opens the state is loaded again, since events sent while it was down never
 * arrive; events that come in while a load is on its way are applied again on top of its answer, so a slow
 * answer cannot undo them. Publishing a revision renumbers: a `version.changed` for a revision reloads too,
 * in case its `numbering.changed` was missed.
 */
export function useNegotiationState(draftId: string | null): LiveNegotiation {
  const [state, setState] = useState<NegotiationState | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    setState(null);
    setError(null);
    if (!draftId) return;
    let active = true;
    let latestLoad = 0;
    let sinceLoad: DraftEvent[] | null = null;

    const load = () => {
      const ticket = ++latestLoad;
      sinceLoad ??= [];
      negotiationApi.state(draftId).then(
        (loaded) => {
          if (!active || ticket !== latestLoad) return;
          const missed = sinceLoad ?? [];
          sinceLoad = null;
          setState(missed.reduce(applyNegotiationEvent, loaded));
          setError(null);
        },
        (reason: unknown) => {
          if (!active || ticket !== latestLoad) return;
          sinceLoad = null;
          setError(toApiError(reason));
        },
      );
    };

    const close = openDraftEventStream(draftId, {
      onEvent(event) {
        if (!active) return;
        if (event.type === 'version.changed' && event.version.revision !== null) return load();
        if (!concerns(event)) return;
        sinceLoad?.push(event);
        setState((current) => (current ? applyNegotiationEvent(current, event) : current));
      },
      onOpen: load,
    });
    load();
    return () => {
      active = false;
      close();
    };
  }, [draftId, generation]);

  const apply = useCallback((event: DraftEvent) => setState((current) => (current ? applyNegotiationEvent(current, event) : current)), []);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return useMemo(() => ({ state, error, apply, reload }), [state, error, apply, reload]);
}
