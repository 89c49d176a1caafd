import { useEffect, useState } from 'react';
import type { VersionView } from '../../shared/api/versions.js';
import { openDraftEventStream } from '../common/api/draftEventStream.js';
import { useApiResource, type ApiResource } from '../common/api/useApiResource.js';
import { upsertVersion } from './upsertVersion.js';
import { versionsApi } from './versionsApi.js';

export interface DraftVersions {
  versions: ApiResource<VersionView[]>;
  /** The latest restore into the live draft (by anyone) while the page was open; null until one happens. */
  lastRestore: { version: VersionView; by: { id: string; name: string } } | null;
}

/**
 * A draft's versions, newest first, kept live from the draft's event stream: saved, published, renamed
 * and deleted versions and restores show up without reloading. Whenever the stream (re)opens the list is
 * loaded again, since events sent before it opened or while it was down never arrive.
 */
export function useDraftVersions(draftId: string): DraftVersions {
  const versions = useApiResource(() => versionsApi.list(draftId), draftId);
  const [lastRestore, setLastRestore] = useState<DraftVersions['lastRestore']>(null);
  const { setData, reload } = versions;

  useEffect(() => {
    return openDraftEventStream(draftId, {
      // Whatever changed before the stream was open (or while it was down) never arrives as an event.
      onOpen: reload,
      onEvent: (event) => {
        if (event.type === 'version.changed') {
          setData((list) => upsertVersion(list ?? [], event.version));
        } else if (event.type === 'version.deleted') {
          setData((list) => (list ?? []).filter((v) => v.id !== event.versionId));
        } else if (event.type === 'version.restored') {
          setData((list) => upsertVersion(list ?? [], event.backup));
          setLastRestore({ version: event.version, by: event.by });
        }
      },
    });
  }, [draftId, setData, reload]);

  return { versions, lastRestore };
}
