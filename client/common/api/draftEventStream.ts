import { DraftEvent } from '../../../shared/api/events.js';
import { openEventStream } from './eventStream.js';

/** Every event type the server may send, so one listener per named SSE event can be registered. */
const EVENT_TYPES = DraftEvent.options.map((option) => option.shape.type.value);

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
  const shared: SharedStream = { subscribers: new Set(), live: false, close: () => {} };
  const each = (fn: (h: DraftEventStreamHandlers) => void) => [...shared.subscribers].forEach(fn);
  shared.close = openEventStream({
    url: `/api/drafts/${encodeURIComponent(draftId)}/events`,
    eventTypes: EVENT_TYPES,
    onEvent: (event) => each((h) => h.onEvent(event)),
    onOpen: () => {
      shared.live = true;
      each((h) => {
        h.onLiveChange?.(true);
        h.onOpen();
      });
    },
    onError: () => {
      shared.live = false;
      each((h) => h.onLiveChange?.(false));
    },
  });
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
