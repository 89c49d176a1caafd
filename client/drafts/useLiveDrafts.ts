import { useEffect } from 'react';
import type { DraftSummary } from '../../shared/api/drafts.js';
import type { ApiResource } from '../common/api/useApiResource.js';
import { openWorkspaceEventStream } from './workspaceEventStream.js';

/**
 * Keeps the loaded list of drafts current from the workspace event stream: a changed draft (renamed,
 * archived, its bracket and option counts) replaces its row, a new one is added at the top, one the member
 * no longer takes part in (its participants changed) is taken out. Each time the
 * stream opens the list is loaded again, since changes made while it was closed were not delivered.
 */
export function useLiveDrafts(drafts: ApiResource<DraftSummary[]>): void {
  const { setData, reload } = drafts;
  useEffect(
    () =>
      openWorkspaceEventStream({
        onDraft: (draft) => setData((current) => (current ? upsertDraft(current, draft) : current)),
        onHidden: (draftId) => setData((current) => (current ? current.filter((d) => d.id !== draftId) : current)),
        onOpen: reload,
      }),
    [setData, reload],
  );
}

/** The list with `draft` in place of its older self, or first when it is new. */
function upsertDraft(list: readonly DraftSummary[], draft: DraftSummary): DraftSummary[] {
  return list.some((d) => d.id === draft.id) ? list.map((d) => (d.id === draft.id ? draft : d)) : [draft, ...list];
}
