import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { VersionView } from '../../shared/api/versions.js';
import { draftsApi } from '../common/api/draftsApi.js';
import { useApiResource } from '../common/api/useApiResource.js';
import { DraftUnavailable } from '../common/components/DraftUnavailable.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { LoadingMessage } from '../common/components/LoadingMessage.js';
import { Notice } from '../common/components/Notice.js';
import { PageHeading } from '../common/components/PageHeading.js';
import { ArchivedNote } from '../common/draft/ArchivedNote.js';
import { versionPaths } from '../common/draft/versionPaths.js';
import { useSession } from '../session/index.js';
import { RevisionCard } from './RevisionCard.js';
import { SaveVersionButton } from './SaveVersionButton.js';
import { upsertVersion } from './upsertVersion.js';
import { useDraftVersions } from './useDraftVersions.js';
import type { PendingVersionAction } from './VersionAction.js';
import { VersionDialogs } from './VersionDialogs.js';
import { VersionItem } from './VersionItem.js';
import { versionName } from './versionName.js';
import { maySaveVersions, versionPermissions, type VersionPermissions } from './versionPermissions.js';
import '../styles/draft.css';
import '../styles/versions.css';

/** What nobody may do with a version of an archived draft: anything but open, compare and export it. */
const READ_ONLY: VersionPermissions = { change: false, publish: false, restore: false };

/**
 * A draft's history: published revisions first (what gets circulated), then every version newest first
 * with who saved it and when, and the actions each member may take. It follows changes live. The versions
 * of an archived draft are only read: the page says so and offers no action that changes them.
 */
export function HistoryPage() {
  const { id = '' } = useParams();
  const { me } = useSession();
  const draft = useApiResource(() => draftsApi.get(id), id);
  const { versions, lastRestore } = useDraftVersions(id);
  const [pending, setPending] = useState<PendingVersionAction | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (lastRestore && lastRestore.by.id !== me?.id)
      setNotice(`${lastRestore.by.name} restored ${versionName(lastRestore.version)} into the live draft.`);
  }, [lastRestore, me?.id]);

  if (draft.error) return <DraftUnavailable error={draft.error} />;

  const archived = draft.data?.archived ?? false;
  const maySave = maySaveVersions(me) && !archived;
  const list = versions.data ?? [];
  const revisions = list.filter((v) => v.revision !== null).sort((a, b) => (b.revision ?? 0) - (a.revision ?? 0));
  const nextRevision = Math.max(0, ...list.map((v) => v.revision ?? 0)) + 1;
  const upsert = (version: VersionView) => versions.setData((current) => upsertVersion(current ?? [], version));
  const announce = (text: string) => {
    setNotice(text);
    // The control that was used may be gone (a deleted version): keep focus somewhere sensible.
    requestAnimationFrame(() => {
      if (!document.activeElement || document.activeElement === document.body) noticeRef.current?.focus();
    });
  };

  return (
    <div className="history-page">
      <p className="back-link">
        <Link to={versionPaths.draft(id)}>← {draft.data ? draft.data.title : 'Back to the draft'}</Link>
      </p>
      <div className="page-header-row">
        <PageHeading title="History">
          <p>
            Every saved version of {draft.data ? <>“{draft.data.title}”</> : 'the draft'}, newest first. Published revisions never change.
          </p>
        </PageHeading>
        {maySave ? (
          <SaveVersionButton
            draftId={id}
            primary
            onSaved={(version) => {
              upsert(version);
              announce(`Version “${version.label}” saved.`);
            }}
          />
        ) : null}
      </div>
      {archived ? <ArchivedNote /> : null}
      <Notice ref={noticeRef} text={notice} />
      <ErrorMessage error={versions.error} />
      {versions.loading && !versions.data ? <LoadingMessage label="Loading the versions…" /> : null}
      {versions.data ? (
        <>
          {revisions.length > 0 ? (
            <section className="section" aria-labelledby="revisions-heading">
              <h2 id="revisions-heading">Published revisions</h2>
              <ol className="revision-list">
                {revisions.map((revision, index) => (
                  <RevisionCard key={revision.id} draftId={id} version={revision} previous={revisions[index + 1] ?? null} />
                ))}
              </ol>
            </section>
          ) : null}
          <section className="section" aria-labelledby="versions-heading">
            <h2 id="versions-heading">All versions</h2>
            {list.length === 0 ? (
              <p className="empty-state">
                No versions yet.
                {maySave ? ' Save one with “Save version…”.' : ' Versions appear here once a delegate or the secretariat saves one.'}
              </p>
            ) : (
              <ol className="version-list">
                {list.map((version) => (
                  <VersionItem
                    key={version.id}
                    draftId={id}
                    version={version}
                    permissions={archived ? READ_ONLY : versionPermissions(me, version)}
                    nextRevision={nextRevision}
                    onAction={(action, target) => setPending({ action, version: target })}
                  />
                ))}
              </ol>
            )}
          </section>
        </>
      ) : null}
      <VersionDialogs
        draftId={id}
        pending={pending}
        versions={list}
        nextRevision={nextRevision}
        onSaved={upsert}
        onDeleted={(versionId) => versions.setData((current) => (current ?? []).filter((v) => v.id !== versionId))}
        onRestored={(result) => upsert(result.backup)}
        onNotice={announce}
        onClose={() => setPending(null)}
      />
    </div>
  );
}
