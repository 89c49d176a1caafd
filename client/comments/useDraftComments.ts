import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CommentView } from '../../shared/api/comments.js';
import { toApiError, type ApiError } from '../common/api/ApiError.js';
import { openDraftEventStream } from '../common/api/draftEventStream.js';
import { commentsApi } from './commentsApi.js';

export interface DraftCommentsState {
  /** Every comment of the draft by id (replies and deletion markers included). */
  comments: ReadonlyMap<string, CommentView>;
  /** False until the first list has arrived. */
  loaded: boolean;
  /** Why the last load failed, or null. */
  error: ApiError | null;
  /** Whether live changes are arriving (the event stream is open). */
  live: boolean;
}

export interface DraftComments extends DraftCommentsState {
  /** Puts a comment in place (by id), e.g. the answer to a change this page made. */
  upsert: (comment: CommentView) => void;
  /** Loads the list again (after a failed load). */
  reload: () => void;
}

const EMPTY: DraftCommentsState = { comments: new Map(), loaded: false, error: null, live: false };

function withComments(base: ReadonlyMap<string, CommentView>, comments: readonly CommentView[]): Map<string, CommentView> {
  const next = new Map(base);
  for (const comment of comments) next.set(comment.id, comment);
  return next;
}

/**
 * The draft's comments (GET /api/drafts/:id/comments), kept live from the draft's event stream: each
 * `comment.changed` event carries the whole comment and replaces it by id. Whenever the stream (re)opens the
 * list is loaded again, since events sent while it was down never arrive; events that come in while a load
 * is on its way are applied again on top of its answer, so a slow answer cannot undo them.
 */
export function useDraftComments(draftId: string | null): DraftComments {
  const [state, setState] = useState<DraftCommentsState>(EMPTY);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    setState(EMPTY);
    if (!draftId) return;
    let active = true;
    let latestLoad = 0;
    // Events received since the oldest load still on its way started.
    let sinceLoad: CommentView[] | null = null;

    const load = () => {
      const ticket = ++latestLoad;
      sinceLoad ??= [];
      commentsApi.list(draftId).then(
        (list) => {
          if (!active || ticket !== latestLoad) return;
          const missed = sinceLoad ?? [];
          sinceLoad = null;
          setState((current) => ({ ...current, comments: withComments(new Map(), [...list, ...missed]), loaded: true, error: null }));
        },
        (reason: unknown) => {
          if (!active || ticket !== latestLoad) return;
          sinceLoad = null;
          setState((current) => ({ ...current, error: toApiError(reason) }));
        },
      );
    };

    const close = openDraftEventStream(draftId, {
      onEvent(event) {
        if (event.type !== 'comment.changed' || !active) return;
        sinceLoad?.push(event.comment);
        setState((current) => ({ ...current, comments: withComments(current.comments, [event.comment]) }));
      },
      onOpen: load,
      onLiveChange: (live) => active && setState((current) => (current.live === live ? current : { ...current, live })),
    });
    // Do not wait for the stream to show what is there; it loads again once it is open.
    load();
    return () => {
      active = false;
      close();
    };
  }, [draftId, generation]);

  const upsert = useCallback((comment: CommentView) => {
    setState((current) => ({ ...current, comments: withComments(current.comments, [comment]) }));
  }, []);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  // One object per change of state, so the page does not re-render its comment controls for nothing.
  return useMemo(() => ({ ...state, upsert, reload }), [state, upsert, reload]);
}
