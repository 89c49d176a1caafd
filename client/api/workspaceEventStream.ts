import type { DraftSummary } from '../../shared/api/drafts.js';
import { DraftEvent } from '../../shared/api/events.js';
import { EVENT_STREAM_MAX_RETRY_MS, EVENT_STREAM_RETRY_MS } from './draftEventStream.js';

export interface WorkspaceEventStreamHandlers {
  /** A draft was created or changed (title, archived, counts of brackets and options). */
  onDraft: (draft: DraftSummary) => void;
  /**
   * The stream is open (first time or again after being down). Changes from before this moment were not
   * delivered, so the list should be loaded again now.
   */
  onOpen: () => void;
}

/**
 * Follows the workspace's changes to drafts (`GET /api/events`, server-sent `draft.updated` events whose
 * data is the JSON of the whole event, as on a draft's own stream). A dropped connection is retried by the
 * browser; a refused one (an error status, after which EventSource gives up) is retried here with a growing
 * delay, as the draft stream does. Returns the function that closes the stream.
 */
export function openWorkspaceEventStream(handlers: WorkspaceEventStreamHandlers): () => void {
  let source: EventSource | null = null;
  let stopped = false;
  let refusals = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const onMessage = (message: MessageEvent<string>) => {
    let data: unknown;
    try {
      data = JSON.parse(message.data);
    } catch {
      return;
    }
    const parsed = DraftEvent.safeParse(data);
    if (parsed.success && parsed.data.type === 'draft.updated') handlers.onDraft(parsed.data.draft);
  };

  const connect = () => {
    if (stopped) return;
    const opened = new EventSource('/api/events');
    source = opened;
    opened.onopen = () => {
      refusals = 0;
      handlers.onOpen();
    };
    opened.onerror = () => {
      if (opened.readyState !== EventSource.CLOSED || stopped) return;
      const delay = Math.min(EVENT_STREAM_RETRY_MS * 2 ** refusals, EVENT_STREAM_MAX_RETRY_MS);
      refusals += 1;
      retryTimer = setTimeout(connect, delay);
    };
    opened.addEventListener('draft.updated', onMessage);
  };

  connect();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    source?.close();
  };
}
