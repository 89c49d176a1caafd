import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type * as Y from 'yjs';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { LoadingMessage } from '../common/components/LoadingMessage.js';
import type { NumberedClause } from '../common/draft/useOrderedClauses.js';
import { ClauseThreads } from './ClauseThreads.js';
import { COMMENTS_PANEL_ID, useComments } from './CommentsContext.js';
import { describeCommentClause } from './describeCommentClause.js';
import { countByFilter } from './ThreadFilter.js';
import { ThreadFilterControl } from './ThreadFilterControl.js';
import { ThreadOverview } from './ThreadOverview.js';
import { useArrivalAnnouncement } from './useArrivalAnnouncement.js';

/** Where the panel is a sheet over the lower part of the screen (comments.css has the same width). */
const SHEET_MEDIA = '(max-width: 40rem)';

/** How long the event stream may be down before the panel says so (reconnecting is usually quicker). @default 2500 ms */
export const LIVE_NOTICE_DELAY_MS = 2500;

/**
 * The comments side panel: one clause's threads, or every thread in the draft grouped by clause, with the
 * Open / Resolved / All filter. A labelled complementary region; focus moves into it when it opens (to its
 * heading, a thread, or the new-comment field) and Escape closes it. New comments from others in what it
 * shows are announced politely.
 */
export function CommentsPanel({ doc, clauses }: { doc: Y.Doc; clauses: readonly NumberedClause[] }) {
  const comments = useComments();
  const titleId = useId();
  const box = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const panel = comments?.panel;
  const inClauseView = panel?.view === 'clause' && panel.clauseId !== null;
  const scope = comments ? (inClauseView ? (comments.byClause.get(panel.clauseId ?? '') ?? []) : comments.threads) : [];
  const announcement = useArrivalAnnouncement(scope, comments?.me ?? null, `${panel?.open}:${panel?.view}:${panel?.clauseId}`);
  const streamDown = useDelayedFlag(comments !== null && comments.data.loaded && !comments.data.live, LIVE_NOTICE_DELAY_MS);

  const focus = panel?.open ? panel.focus : null;
  // On a phone the panel is a sheet over the lower part of the screen: bring the clause it discusses to the
  // top, where it stays readable above the sheet.
  const discussed = panel?.open && inClauseView ? panel.clauseId : null;
  useEffect(() => {
    if (!discussed || !window.matchMedia(SHEET_MEDIA).matches) return;
    document.getElementById(`clause-${discussed}`)?.scrollIntoView({ block: 'start' });
  }, [discussed, focus?.token]);

  useEffect(() => {
    if (!focus) return;
    const thread =
      focus.target === 'thread' && panel?.threadId
        ? box.current?.querySelector<HTMLElement>(`[data-thread-id="${CSS.escape(panel.threadId)}"]`)
        : null;
    if (thread) {
      thread.focus({ preventScroll: true });
      thread.scrollIntoView({ block: 'nearest' });
    } else if (focus.target !== 'new-thread') {
      heading.current?.focus();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new request moves focus, not later changes of the thread list
  }, [focus?.token]);

  if (!comments || !panel?.open) return null;
  const { data, actions } = comments;
  const clause = inClauseView ? describeCommentClause(doc, clauses, panel.clauseId ?? '') : null;
  const title = !clause ? 'All comments in this draft' : clause.deleted ? 'Comments on a deleted clause' : `Comments on ${clause.name}`;

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      actions.close();
    }
  };

  return (
    <aside id={COMMENTS_PANEL_ID} ref={box} className="comments-panel" aria-label="Comments" onKeyDown={onKeyDown}>
      <div className="comments-panel-header">
        <h2 id={titleId} ref={heading} tabIndex={-1} className="comments-panel-title">
          {title}
        </h2>
        <button type="button" className="comments-panel-close" aria-label="Close comments" title="Close (Escape)" onClick={actions.close}>
          ×
        </button>
      </div>
      {clause && clause.summary ? <p className="comments-panel-summary">{clause.summary}</p> : null}
      <div className="comments-panel-tools">
        <ThreadFilterControl filter={panel.filter} counts={countByFilter(scope)} onChange={actions.setFilter} />
        {clause ? (
          <button type="button" className="link-button" onClick={actions.openOverview}>
            All comments in the draft
          </button>
        ) : null}
      </div>
      {streamDown ? <p className="comments-live-note">Reconnecting… new comments will appear when the connection is back.</p> : null}
      {data.error ? (
        <div className="comments-load-error">
          <ErrorMessage error={data.error} />
          <button type="button" className="button button-secondary button-small" onClick={data.reload}>
            Try again
          </button>
        </div>
      ) : null}
      {!data.loaded && !data.error ? <LoadingMessage label="Loading comments…" /> : null}
      {data.loaded ? (
        clause ? (
          <ClauseThreads doc={doc} clauseId={panel.clauseId ?? ''} clause={clause} />
        ) : (
          <ThreadOverview doc={doc} clauses={clauses} />
        )
      ) : null}
      <div className="visually-hidden" role="status">
        {announcement}
      </div>
    </aside>
  );
}

/** True once `flag` has stayed true for `delayMs`. */
function useDelayedFlag(flag: boolean, delayMs: number): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!flag) return setShown(false);
    const timer = setTimeout(() => setShown(true), delayMs);
    return () => clearTimeout(timer);
  }, [flag, delayMs]);
  return shown;
}
