import { DraftEvent } from '../../../shared/api/events.js';

/** First wait before opening a new stream after the server refused one (the browser does not retry those). @default 3000 ms */
export const EVENT_STREAM_RETRY_MS = 3000;
/** Longest wait between attempts after repeated refusals. @default 30000 ms */
export const EVENT_STREAM_MAX_RETRY_MS = 30_000;

export interface EventStreamOptions {
  /** The stream's address, e.g. `/api/events`. */
  url: string;
  /** The named SSE events to listen to. */
  eventTypes: readonly string[];
  /** A validated event; data that is not JSON or not a known event is dropped. */
  onEvent: (event: DraftEvent) => void;
  /** The stream is open (first time or again after being down). */
  onOpen: () => void;
  /** The stream failed or dropped (the browser may still be reconnecting). @default nothing */
  onError?: () => void;
}

/**
 * Opens a server-sent event stream whose events carry the JSON of a whole DraftEvent, as both the draft's
 * and the workspace's streams do. A dropped connection is retried by the browser; a refused one (an error
 * status, after which EventSource gives up) is retried here with a growing delay. Returns the function that
 * closes the stream for good.
 */
export function openEventStream(options: EventStreamOptions): () => void {
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
    if (parsed.success) options.onEvent(parsed.data);
  };

  const connect = () => {
    if (stopped) return;
    const opened = new EventSource(options.url);
    source = opened;
    opened.onopen = () => {
      refusals = 0;
      options.onOpen();
    };
    opened.onerror = () => {
      options.onError?.();
      if (opened.readyState !== EventSource.CLOSED || stopped) return;
      const delay = Math.min(EVENT_STREAM_RETRY_MS * 2 ** refusals, EVENT_STREAM_MAX_RETRY_MS);
      refusals += 1;
      retryTimer = setTimeout(connect, delay);
    };
    for (const type of options.eventTypes) opened.addEventListener(type, onMessage);
  };

  connect();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    source?.close();
  };
}
