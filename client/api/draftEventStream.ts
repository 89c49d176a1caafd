import { DraftEvent } from '../../shared/api/events.js';

/** Every event type the server may send, so one listener per named SSE event can be registered. */
const EVENT_TYPES = DraftEvent.options.map((option) => option.shape.type.value);

/** First wait before opening a new stream after the server refused one (the browser does not retry those). @default 3000 ms */
export const EVENT_STREAM_RETRY_MS = 3000;
/** Longest wait between attempts after repeated refusals. @default 30000 ms */
export const EVENT_STREAM_MAX_RETRY_MS = 30_000;

export interface DraftEventStreamHandlers {
  /** A validated event; events this page does not understand are dropped. */
  onEvent: (event: DraftEvent) => void;
  /**
   * The stream is open (first time, again after being down, or already open when subscribing). Events
   * from before this moment were not delivered to this subscriber, so whatever it keeps live should be
   * loaded again now.
   */
  onOpen: () => void;
  /** Whether the stream is currently open. */
  onLiveChange?: (live: boolean) => void;
}

/** One EventSource per draft, shared by every part of the page that follows it. */
interface SharedStream {
  subscribers: Set<DraftEventStreamHandlers>;
  live: boolean;
  close(): void;
}

const streams = new Map<string, SharedStream>();

function openShared(draftId: string): SharedStream {
  let source: EventSource | null = null;
  let stopped = false;
  let refusals = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const shared: SharedStream = {
    subscribers: new Set(),
    live: false,
    close() {
      stopped = true;
      clearTimeout(retryTimer);
      source?.close();
    },
  };
  const each = (fn: (h: DraftEventStreamHandlers) => void) => [...shared.subscribers].forEach(fn);

  const onMessage = (message: MessageEvent<string>) => {
    let data: unknown;
    try {
      data = JSON.parse(message.data);
    } catch {
      return;
    }
    const parsed = DraftEvent.safeParse(data);
    if (parsed.success) each((h) => h.onEvent(parsed.data));
  };

  const connect = () => {
    if (stopped) return;
    const opened = new EventSource(`/api/drafts/${encodeURIComponent(draftId)}/events`);
    source = opened;
    opened.onopen = () => {
      refusals = 0;
      shared.live = true;
      each((h) => {
        h.onLiveChange?.(true);
        h.onOpen();
      });
    };
    opened.onerror = () => {
      shared.live = false;
      each((h) => h.onLiveChange?.(false));
      if (opened.readyState !== EventSource.CLOSED || stopped) return;
      const delay = Math.min(EVENT_STREAM_RETRY_MS * 2 ** refusals, EVENT_STREAM_MAX_RETRY_MS);
      refusals += 1;
      retryTimer = setTimeout(connect, delay);
    };
    for (const type of EVENT_TYPES) opened.addEventListener(type, onMessage);
  };

  connect();
  return shared;
}

/**
 * Follows a draft's live changes (`GET /api/drafts/:id/events`, server-sent events). Subscribers on one
 * page share a single EventSource, so a page holds one stream per draft however many panels follow it.
 * A dropped connection is retried by the browser (the server asks for 3 s); a refused one (an error status,
 * after which EventSource gives up) is retried here with a growing delay. Returns the unsubscribe function;
 * the stream closes when its last subscriber leaves.
 */
export function openDraftEventStream(draftId: string, handlers: DraftEventStreamHandlers): () => void {
  let shared = streams.get(draftId);
  if (!shared) {
    shared = openShared(draftId);
    streams.set(draftId, shared);
  }
  shared.subscribers.add(handlers);
  if (shared.live) {
    handlers.onLiveChange?.(true);
    handlers.onOpen();
  }
  const stream = shared;
  return () => {
    stream.subscribers.delete(handlers);
    if (stream.subscribers.size === 0) {
      stream.close();
      if (streams.get(draftId) === stream) streams.delete(draftId);
    }
  };
}
