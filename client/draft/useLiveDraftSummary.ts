import { useEffect } from 'react';
import type { DraftSummary } from '../../shared/api/drafts.js';
import { openDraftEventStream } from '../common/api/draftEventStream.js';
import { draftsApi } from '../common/api/draftsApi.js';
import type { ApiResource } from '../common/api/useApiResource.js';

/**
 * Keeps the draft page's summary of its draft (title, editing mode, counts) current from the draft's event
 * stream: a `draft.updated` event replaces it, so when the secretariat switches the editing mode every page
 * with the draft open follows at once. When the stream opens again after being down the summary is fetched
 * again, since changes made meanwhile were not delivered; a failure then keeps the summary the page has
 * (the page must not turn into "not available" for a network hiccup). Nothing is followed while `draftId`
 * is null (a draft that could not be loaded).
 */
export function useLiveDraftSummary(draftId: string | null, draft: ApiResource<DraftSummary>): void {
  const { setData } = draft;
  useEffect(() => {
    if (draftId === null) return;
    let opened = false;
    let current = true;
    const unsubscribe = openDraftEventStream(draftId, {
      onEvent: (event) => {
        if (event.type === 'draft.updated' && event.draft.id === draftId) setData(() => event.draft);
      },
      onOpen: () => {
        // The first opening comes with the page's own first load; only a reopening may have missed changes.
        if (opened) {
          draftsApi.get(draftId).then(
            (summary) => {
              if (current) setData((known) => (known && known.updatedAt > summary.updatedAt ? known : summary));
            },
            () => {
              // Keep what the page has; the next event or reopening brings it up to date.
            },
          );
        }
        opened = true;
      },
    });
    return () => {
      current = false;
      unsubscribe();
    };
  }, [draftId, setData]);
}
