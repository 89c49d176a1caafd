import { useMemo, useRef, useState, type ReactNode } from 'react';
import { useSession } from '../session/index.js';
import { CommentsContext, type CommentsActions, type CommentsContextValue, type CommentsPanelState } from './CommentsContext.js';
import { groupThreads, threadsByClause } from './groupThreads.js';
import { matchesFilter } from './ThreadFilter.js';
import { useDraftComments } from './useDraftComments.js';

const CLOSED: CommentsPanelState = {
  open: false,
  view: 'clause',
  clauseId: null,
  threadId: null,
  filter: 'open',
  newThread: null,
  focus: null,
};

/** Puts focus back on what had it before the panel opened, or failing that on the clause or the page. */
function restoreFocus(element: HTMLElement | null, clauseId: string | null): void {
  requestAnimationFrame(() => {
    if (element?.isConnected) return element.focus({ preventScroll: true });
    const card = clauseId ? document.querySelector<HTMLElement>(`[data-clause-id="${CSS.escape(clauseId)}"]`) : null;
    (card ?? document.getElementById('main'))?.focus({ preventScroll: true });
  });
}

/**
 * The comment threads of one draft for everything on its page: the live list (useDraftComments), the
 * threads built from it, and the state of the comments panel with the actions that change it.
 */
export function CommentsProvider({ draftId, children }: { draftId: string | null; children: ReactNode }) {
  const { me } = useSession();
  const data = useDraftComments(draftId);
  const threads = useMemo(() => groupThreads(data.comments.values()), [data.comments]);
  const byClause = useMemo(() => threadsByClause(threads), [threads]);
  const [panel, setPanel] = useState<CommentsPanelState>(CLOSED);
  const latest = useRef({ threads, panel });
  latest.current = { threads, panel };
  const returnFocus = useRef<HTMLElement | null>(null);
  const focusToken = useRef(0);

  const actions = useMemo<CommentsActions>(() => {
    const rememberFocus = () => {
      if (latest.current.panel.open) return;
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    };
    const focusOn = (target: 'heading' | 'new-thread' | 'thread') => ({ target, token: ++focusToken.current });
    return {
      openClause(clauseId, { threadId, moveFocus = true } = {}) {
        rememberFocus();
        const thread = threadId ? latest.current.threads.find((t) => t.id === threadId) : undefined;
        const focus = moveFocus ? focusOn(threadId ? 'thread' : 'heading') : null;
        setPanel((p) => ({
          ...p,
          open: true,
          view: 'clause',
          clauseId,
          threadId: threadId ?? null,
          filter: thread && !matchesFilter(thread, p.filter) ? 'all' : p.filter,
          newThread: p.newThread?.clauseId === clauseId ? p.newThread : null,
          focus: focus ?? p.focus,
        }));
      },
      openOverview() {
        rememberFocus();
        const focus = focusOn('heading');
        setPanel((p) => ({ ...p, open: true, view: 'all', threadId: null, newThread: null, focus }));
      },
      close() {
        const { clauseId } = latest.current.panel;
        setPanel((p) => ({ ...p, open: false, threadId: null, newThread: null, focus: null }));
        restoreFocus(returnFocus.current, clauseId);
        returnFocus.current = null;
      },
      setFilter: (filter) => setPanel((p) => ({ ...p, filter })),
      selectThread: (threadId) => setPanel((p) => ({ ...p, threadId })),
      startThread(clauseId, anchor) {
        rememberFocus();
        const focus = focusOn('new-thread');
        setPanel((p) => ({ ...p, open: true, view: 'clause', clauseId, threadId: null, newThread: { clauseId, anchor }, focus }));
      },
      cancelNewThread: () => setPanel((p) => ({ ...p, newThread: null })),
    };
  }, []);

  const value = useMemo<CommentsContextValue | null>(
    () => (draftId ? { draftId, me, data, threads, byClause, panel, actions } : null),
    [draftId, me, data, threads, byClause, panel, actions],
  );
  return <CommentsContext.Provider value={value}>{children}</CommentsContext.Provider>;
}
