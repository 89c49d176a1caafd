import { beforeRestoreLabel, type RestoreResult, type VersionView } from '../../shared/api/versions.js';
import { AppError } from './AppError.js';
import { audit } from './audit.js';
import type { Clock } from './Clock.js';
import type { DraftDocuments } from './DraftDocuments.js';
import type { DraftEventBus } from './DraftEventBus.js';
import type { UserRecord, VersionRecord } from './records.js';
import type { MetadataRepositories } from './repositories.js';
import { restoreDocument } from './restoreDocument.js';
import { findVersion, toVersionView } from './toVersionView.js';
import { captureState, stateKeyOf, withSnapshotDoc, type CapturedState } from './versionSnapshot.js';

/**
 * How often a restore tries to save the live draft and restore before giving up with DRAFT_BUSY. Members'
 * edits cannot come in between (the document is held still); only another change of the server's own can.
 * @default 5
 */
export const RESTORE_ATTEMPTS = 5;

/** What restoring needs of the version service (VersionService implements it). */
export interface VersionWriter {
  save(draftId: string, state: CapturedState, origin: { label: string; kind: 'named'; author: UserRecord }): Promise<VersionRecord>;
  discard(record: VersionRecord): Promise<void>;
  announce(view: VersionView): VersionView;
  readSnapshot(record: VersionRecord): Promise<Uint8Array>;
}

/** What restoring needs besides the version service: the same objects the services get. */
export interface RestoreDeps {
  metadata: MetadataRepositories;
  documents: DraftDocuments;
  events: DraftEventBus;
  clock: Clock;
}

/**
 * Restores a version into the live draft as a new change everyone connected sees (restoreDocument, run
 * through DraftDocuments.change), so no version is lost: first the live draft is saved as a named version
 * ("Before restoring ..."), durably; then, in one transaction, the restore runs only if the draft is still
 * in exactly the state that was saved. Both steps run with the document held still (DraftDocuments.hold):
 * members keep typing, and their edits are applied right after the restore, so a busy draft never makes a
 * restore fail. If a change of the server's own came in between, that backup is dropped and both steps
 * are tried again (a newer backup holds everything the older one did), up to RESTORE_ATTEMPTS times.
 * Resolves once the restored text is durable.
 */
export async function restoreVersion(
  versions: VersionWriter,
  deps: RestoreDeps,
  request: { draftId: string; versionId: string; user: UserRecord },
): Promise<RestoreResult> {
  const { draftId, versionId } = request;
  const record = await findVersion(deps.metadata, draftId, versionId);
  const bytes = await versions.readSnapshot(record);
  return deps.documents.hold(draftId, () => restoreHeld(versions, deps, request, record, bytes));
}

async function restoreHeld(
  versions: VersionWriter,
  deps: RestoreDeps,
  { draftId, user }: { draftId: string; user: UserRecord },
  record: VersionRecord,
  bytes: Uint8Array,
): Promise<RestoreResult> {
  for (let attempt = 0; attempt < RESTORE_ATTEMPTS; attempt += 1) {
    const state = await deps.documents.read(draftId, captureState);
    const backup = await versions.save(draftId, state, { label: beforeRestoreLabel(record), kind: 'named', author: user });
    const restored = await deps.documents.change(draftId, (doc) => {
      if (stateKeyOf(doc) !== state.stateKey) return false;
      withSnapshotDoc(bytes, (version) => restoreDocument(doc, version));
      return true;
    });
    if (!restored) {
      await versions.discard(backup);
      continue;
    }
    await audit(deps.metadata.audit, deps.clock(), user.id, 'version.restore', record.id);
    const backupView = versions.announce(toVersionView(backup));
    const view = toVersionView(record);
    deps.events.publish(draftId, { type: 'version.restored', version: view, backup: backupView, by: { id: user.id, name: user.name } });
    return { restored: view, backup: backupView };
  }
  throw new AppError('DRAFT_BUSY', 'The draft kept changing while it was being saved before the restore. Nothing was restored; try again.');
}
