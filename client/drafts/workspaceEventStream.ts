import type { DraftSummary } from '../../shared/api/drafts.js';
import { openEventStream } from '../common/api/eventStream.js';

export interface WorkspaceEventStreamHandlers {
  /** A draft was created or changed (title, archived, counts of brackets and options). */
  onDraft: (draft: DraftSummary) => void;
  /** The member no longer takes part in this draft: it leaves the list. */
  onHidden: (draftId: string) => void;
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
  return openEventStream({
    url: '/api/events',
    eventTypes: ['draft.updated', 'draft.hidden'],
    onEvent: (event) => {
      if (event.type === 'draft.updated') handlers.onDraft(event.draft);
      if (event.type === 'draft.hidden') handlers.onHidden(event.draftId);
    },
    onOpen: () => handlers.onOpen(),
  });
}
