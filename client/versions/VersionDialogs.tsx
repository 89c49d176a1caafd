import { beforeRestoreLabel, revisionName, type RestoreResult, type VersionView } from '../../shared/api/versions.js';
import { ConfirmDialog } from '../common/components/ConfirmDialog.js';
import { CompareWithDialog } from './CompareWithDialog.js';
import type { PendingVersionAction } from './VersionAction.js';
import { VersionLabelDialog } from './VersionLabelDialog.js';
import { versionName } from './versionName.js';
import { versionsApi } from './versionsApi.js';

export interface VersionDialogsProps {
  draftId: string;
  pending: PendingVersionAction | null;
  versions: readonly VersionView[];
  /** N of the Rev.N the next publication makes. */
  nextRevision: number;
  /** A version the server changed (published, renamed) or saved (the backup of a restore). */
  onSaved: (version: VersionView) => void;
  onDeleted: (versionId: string) => void;
  onRestored: (result: RestoreResult) => void;
  /** Says what happened, for the page's live region. */
  onNotice: (text: string) => void;
  onClose: () => void;
}

/**
 * The dialogs behind the history page's version actions, one at a time. Publishing and restoring say
 * plainly what cannot be undone or who will see it before anything happens.
 */
export function VersionDialogs(props: VersionDialogsProps) {
  const { draftId, pending, versions, nextRevision, onSaved, onDeleted, onNotice, onClose } = props;
  const version = pending?.version ?? null;
  const is = (action: PendingVersionAction['action']) => pending?.action === action;
  const name = version ? versionName(version) : '';
  const revision = revisionName(nextRevision);

  return (
    <>
      <CompareWithDialog draftId={draftId} version={is('compare') ? version : null} versions={versions} onClose={onClose} />
      <ConfirmDialog
        open={is('publish')}
        title={`Publish as ${revision}?`}
        confirmLabel={`Publish as ${revision}`}
        onClose={onClose}
        onConfirm={async () => {
          const published = await versionsApi.publish(draftId, version!.id);
          onSaved(published);
          onNotice(`${name} is published as ${revisionName(published.revision ?? nextRevision)}.`);
        }}
      >
        <p>
          {name} becomes <strong>{revision}</strong> of this draft, dated today.
        </p>
        <p>
          <strong>This is permanent.</strong> A published revision can never be changed, renamed or deleted, and its number is never reused.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={is('restore')}
        title={`Restore ${name}?`}
        confirmLabel="Restore into the live draft"
        onClose={onClose}
        onConfirm={async () => {
          const result = await versionsApi.restore(draftId, version!.id);
          props.onRestored(result);
          onNotice(`${name} was restored into the live draft. The text before it is saved as “${result.backup.label}”.`);
        }}
      >
        <p>The live draft takes the text of {name}.</p>
        <p>
          First, the current text is saved as a version, “{version ? beforeRestoreLabel(version) : ''}”, so nothing is lost. Everyone with
          the draft open sees the text change at once.
        </p>
      </ConfirmDialog>
      <VersionLabelDialog
        open={is('rename')}
        title={`Rename ${name}`}
        intro="The new label is shown in the history and in exports of this version."
        submitLabel="Rename"
        initialLabel={version?.label ?? ''}
        onClose={onClose}
        onSubmit={async (label) => {
          const renamed = await versionsApi.rename(draftId, version!.id, label);
          onSaved(renamed);
          onNotice(`The version is now called “${renamed.label}”.`);
        }}
      />
      <ConfirmDialog
        open={is('delete')}
        title={`Delete ${name}?`}
        confirmLabel="Delete version"
        destructive
        onClose={onClose}
        onConfirm={async () => {
          await versionsApi.remove(draftId, version!.id);
          onDeleted(version!.id);
          onNotice(`${name} was deleted.`);
        }}
      >
        <p>The saved version is removed for everyone. The live draft does not change.</p>
      </ConfirmDialog>
    </>
  );
}
