import {
  AUTOMATIC_VERSION_LABEL,
  LIVE,
  revisionName,
  type CompareQuery,
  type CompareResult,
  type CompareSide,
  type RestoreResult,
  type VersionDetail,
  type VersionKind,
  type VersionView,
} from '../../shared/api/versions.js';
import { compareDrafts } from '../../shared/compare/compareDrafts.js';
import type { DraftText } from '../../shared/export/DraftText.js';
import { SnapshotUnreadableError, type VersionSnapshots } from '../storage/VersionSnapshotStore.js';
import { AppError } from './AppError.js';
import { audit } from './audit.js';
import type { Clock } from './Clock.js';
import { delegationNameOf } from './delegationName.js';
import type { DraftDocuments } from './DraftDocuments.js';
import type { DraftEventBus } from './DraftEventBus.js';
import { requireDraft, requireWritableDraft } from './DraftService.js';
import { liveDraftText } from './liveDraftText.js';
import type { NegotiationSnapshots } from './negotiation/NegotiationService.js';
import type { UserRecord, VersionRecord } from './records.js';
import type { MetadataRepositories, Repositories } from './repositories.js';
import { restoreVersion } from './restoreVersion.js';
import { newId } from './tokens.js';
import { findVersion, toVersionView } from './toVersionView.js';
import { captureState, fingerprintOf, publishedNumbering, versionText, withSnapshotDoc, type CapturedState } from './versionSnapshot.js';

/** What VersionService needs; the same objects the other services get, plus where snapshots go. */
export interface VersionServiceDeps {
  metadata: MetadataRepositories;
  documents: DraftDocuments;
  snapshots: VersionSnapshots;
  events: DraftEventBus;
  clock: Clock;
  /** The negotiation a version keeps with its text (numbering base, statuses, positions). */
  negotiation: NegotiationSnapshots;
}

/** Who saves a version: a member (named versions), or nobody (automatic ones). */
export interface VersionOrigin {
  label: string;
  kind: VersionKind;
  author: UserRecord | null;
}

/**
 * Versions of a draft: snapshots of its document with who, when and a label. Delegates and the secretariat
 * save named versions; the server saves automatic ones (AutoSnapshotScheduler); the secretariat publishes a
 * version as the draft's next revision, Rev.N, after which it never changes. A snapshot is on disk before
 * its record is written, so a listed version can always be opened. The versions of an archived draft are
 * read-only (DRAFT_ARCHIVED): no version is saved, renamed, deleted, published or restored; they are still
 * listed, opened, compared and exported.
 */
export class VersionService {
  constructor(private readonly deps: VersionServiceDeps) {}

  /** All versions of a draft, newest first. */
  async list(draftId: string): Promise<VersionView[]> {
    return (await this.deps.metadata.versions.listByDraft(draftId)).reverse().map(toVersionView);
  }

  /** A version and its text (DraftText), for the read-only view. */
  async detail(draftId: string, versionId: string): Promise<VersionDetail> {
    const record = await findVersion(this.deps.metadata, draftId, versionId);
    const bytes = await this.readSnapshot(record);
    return { version: toVersionView(record), text: withSnapshotDoc(bytes, (doc) => versionText(doc, record)) };
  }

  /** Saves the live draft as a named version. */
  async create(draftId: string, label: string, user: UserRecord): Promise<VersionView> {
    await requireWritableDraft(this.deps.metadata.drafts, draftId);
    const state = await this.deps.documents.read(draftId, captureState);
    return this.announce(toVersionView(await this.save(draftId, state, { label, kind: 'named', author: user })));
  }

  /**
   * Saves an automatic version of the live draft, unless it is in the same state as the draft's latest
   * version. Null when skipped. The state is compared again in the transaction that adds the record, so
   * of several processes holding the draft and saving its automatic version at once (each has its own
   * scheduler), only the first adds one: the others find it there and skip (their snapshots are removed).
   */
  async saveAutomatic(draftId: string): Promise<VersionView | null> {
    if (!(await this.deps.metadata.drafts.get(draftId))) return null;
    const state = await this.deps.documents.read(draftId, captureState);
    if (await isLatestState(this.deps.metadata, draftId, state)) return null;
    const origin: VersionOrigin = { label: AUTOMATIC_VERSION_LABEL, kind: 'automatic', author: null };
    const record = await this.write(draftId, state, origin, { unlessLatest: true });
    return record ? this.announce(toVersionView(record)) : null;
  }

  /**
   * Makes a version the draft's next revision (Rev.1, Rev.2 ...), dated now; its fingerprint then never
   * changes. Its clean numbers become the base the live draft and later versions number against
   * (`numbering.changed`).
   */
  async publish(draftId: string, versionId: string, user: UserRecord): Promise<VersionView> {
    await requireWritableDraft(this.deps.metadata.drafts, draftId);
    const bytes = await this.readSnapshot(unpublished(await findVersion(this.deps.metadata, draftId, versionId)));
    const now = this.deps.clock();
    const { view, numbering, revision } = await this.deps.metadata.transaction(async (tx) => {
      await requireWritableDraft(tx.drafts, draftId);
      const record = unpublished(await findVersion(tx, draftId, versionId));
      const revision = Math.max(0, ...(await tx.versions.listByDraft(draftId)).map((v) => v.revision ?? 0)) + 1;
      const published = withSnapshotDoc(bytes, (doc) => ({
        fingerprint: fingerprintOf(versionText(doc, { ...record, revision })),
        numbering: publishedNumbering(doc),
      }));
      record.fingerprint = published.fingerprint;
      record.numbering = published.numbering;
      record.revision = revision;
      record.publishedAt = now.toISOString();
      record.publishedById = user.id;
      record.publishedByName = user.name;
      await tx.versions.put(record);
      await audit(tx.audit, now, user.id, 'version.publish', record.id);
      return { view: toVersionView(record), numbering: published.numbering, revision };
    });
    this.announce(view);
    this.deps.events.publish(draftId, { type: 'numbering.changed', numbering, revision });
    return view;
  }

  /** Renames a version that is not published: its author (named versions) or the secretariat. */
  async rename(draftId: string, versionId: string, label: string, user: UserRecord): Promise<VersionView> {
    await requireWritableDraft(this.deps.metadata.drafts, draftId);
    const bytes = await this.readSnapshot(await changeable(this.deps.metadata, draftId, versionId, user));
    const view = await this.deps.metadata.transaction(async (tx) => {
      await requireWritableDraft(tx.drafts, draftId);
      const record = await changeable(tx, draftId, versionId, user);
      record.label = label;
      record.fingerprint = withSnapshotDoc(bytes, (doc) => fingerprintOf(versionText(doc, record)));
      await tx.versions.put(record);
      return toVersionView(record);
    });
    return this.announce(view);
  }

  /** Deletes a version that is not published (its author or the secretariat), record first, then its snapshot. */
  async delete(draftId: string, versionId: string, user: UserRecord): Promise<void> {
    await this.deps.metadata.transaction(async (tx) => {
      await requireWritableDraft(tx.drafts, draftId);
      const record = await changeable(tx, draftId, versionId, user);
      await tx.versions.remove(draftId, record.id);
      await audit(tx.audit, this.deps.clock(), user.id, 'version.delete', record.id);
    });
    this.deps.events.publish(draftId, { type: 'version.deleted', versionId });
    // The record is gone, so the version is deleted; a leftover file only costs space.
    await this.deps.snapshots
      .delete(draftId, versionId)
      .catch((error: unknown) => console.error(`[versions] could not remove the snapshot of deleted version ${versionId}:`, error));
  }

  /** Compares two versions, or a version and the live draft ('live'), clause by clause (shared/compare). */
  async compare(draftId: string, query: CompareQuery): Promise<CompareResult> {
    requireDraft(await this.deps.metadata.drafts.get(draftId));
    // Both ids are checked before any document is read.
    const records: Array<VersionRecord | null> = [];
    for (const ref of [query.from, query.to]) records.push(ref === LIVE ? null : await findVersion(this.deps.metadata, draftId, ref));
    const sides = await Promise.all(
      records.map(async (record): Promise<{ side: CompareSide; text: DraftText }> => {
        if (record) {
          const bytes = await this.readSnapshot(record);
          return {
            side: { kind: 'version', version: toVersionView(record) },
            text: withSnapshotDoc(bytes, (doc) => versionText(doc, record)),
          };
        }
        const text = await liveDraftText(this.deps, draftId);
        return { side: { kind: 'live', at: text.date }, text };
      }),
    );
    const [from, to] = sides as [(typeof sides)[0], (typeof sides)[0]];
    return { from: from.side, to: to.side, comparison: compareDrafts(from.text, to.text) };
  }

  /** The live draft as it stands now, stamped as a working text exported now: for GET /api/drafts/:id/export. */
  workingText(draftId: string): Promise<DraftText> {
    return liveDraftText(this.deps, draftId, { workingText: true });
  }

  /** Restores a version into the live draft (secretariat), after saving the live draft as a version: see restoreVersion. */
  async restore(draftId: string, versionId: string, user: UserRecord): Promise<RestoreResult> {
    await requireWritableDraft(this.deps.metadata.drafts, draftId);
    return restoreVersion(this, this.deps, { draftId, versionId, user });
  }

  /**
   * Writes a captured state as a new version: the snapshot file durably first, then the record. Does not
   * announce it (see `announce`). If the record cannot be written, the snapshot file is removed again.
   */
  async save(draftId: string, state: CapturedState, origin: VersionOrigin): Promise<VersionRecord> {
    return (await this.write(draftId, state, origin, { unlessLatest: false }))!;
  }

  /**
   * `save`, and with `unlessLatest`, nothing (null, the snapshot removed again) when the draft's latest
   * version holds the same state by the time the record is added: checked inside the metadata transaction,
   * which the metadata stores run one at a time (PgMetadata across processes too).
   */
  private async write(
    draftId: string,
    state: CapturedState,
    origin: VersionOrigin,
    options: { unlessLatest: boolean },
  ): Promise<VersionRecord | null> {
    const draft = requireDraft(await this.deps.metadata.drafts.get(draftId));
    const id = newId();
    const createdAt = this.deps.clock().toISOString();
    // The negotiation as it stands now: its numbering base is the latest revision published before this version.
    const negotiation = await this.deps.negotiation.snapshot(draftId, createdAt);
    const base = { id, draftId, label: origin.label, createdAt, title: draft.title, revision: null, negotiation };
    const fingerprint = withSnapshotDoc(state.bytes, (doc) => fingerprintOf(versionText(doc, base)));
    const snapshotSha256 = await this.deps.snapshots.write(draftId, id, state.bytes);
    const author = origin.author;
    const record: VersionRecord = {
      ...base,
      kind: origin.kind,
      authorId: author?.id ?? null,
      authorName: author?.name ?? null,
      authorDelegation: await delegationNameOf(this.deps.metadata.delegations, author?.delegationId ?? null),
      snapshotSha256,
      stateKey: state.stateKey,
      fingerprint,
      publishedAt: null,
      publishedById: null,
      publishedByName: null,
    };
    let added: boolean;
    try {
      added = await this.deps.metadata.transaction(async (tx) => {
        // A member's version (a restore's backup too) is a change of the draft; an automatic one only records
        // the text as it stands, which an archived draft may still need once its last edits are in.
        if (origin.kind === 'automatic') requireDraft(await tx.drafts.get(draftId));
        else await requireWritableDraft(tx.drafts, draftId);
        if (options.unlessLatest && (await isLatestState(tx, draftId, state))) return false;
        await tx.versions.add(record);
        return true;
      });
    } catch (error) {
      await this.deps.snapshots.delete(draftId, id).catch(() => undefined);
      throw error;
    }
    if (added) return record;
    await this.deps.snapshots
      .delete(draftId, id)
      .catch((error: unknown) => console.error(`[versions] could not remove the snapshot of skipped version ${id}:`, error));
    return null;
  }

  /** Removes a version this service just saved and nobody has seen (a restore attempt that had to be retried). */
  async discard(record: VersionRecord): Promise<void> {
    await this.deps.metadata.transaction(async (tx) => {
      const stored = await tx.versions.get(record.draftId, record.id);
      if (stored && stored.revision === null) await tx.versions.remove(record.draftId, record.id);
    });
    await this.deps.snapshots.delete(record.draftId, record.id);
  }

  /** Tells the draft's open pages about a saved or changed version; returns the view. */
  announce(view: VersionView): VersionView {
    this.deps.events.publish(view.draftId, { type: 'version.changed', version: view });
    return view;
  }

  /** A version's snapshot bytes, checked; VERSION_UNREADABLE (logged) when the file is missing or damaged. */
  async readSnapshot(record: VersionRecord): Promise<Uint8Array> {
    try {
      return await this.deps.snapshots.read(record.draftId, record.id, record.snapshotSha256);
    } catch (error) {
      if (!(error instanceof SnapshotUnreadableError)) throw error;
      console.error(`[versions] ${error.message}`);
      throw new AppError('VERSION_UNREADABLE', 'This version’s saved text cannot be read. The administrator has been told.');
    }
  }
}

/** True when the draft's latest version holds exactly `state`. */
async function isLatestState(repositories: Repositories, draftId: string, state: CapturedState): Promise<boolean> {
  return (await repositories.versions.listByDraft(draftId)).at(-1)?.stateKey === state.stateKey;
}

/** An unpublished version the member may rename or delete: the secretariat any, others their own named ones. */
async function changeable(repositories: Repositories, draftId: string, versionId: string, user: UserRecord): Promise<VersionRecord> {
  const record = await findVersion(repositories, draftId, versionId);
  if (record.revision !== null)
    throw new AppError('REVISION_IMMUTABLE', `${revisionName(record.revision)} is published and can no longer change.`);
  if (user.role !== 'secretariat' && record.authorId !== user.id) {
    throw new AppError('FORBIDDEN', 'Only the author of a version or the secretariat can change it.');
  }
  return record;
}

function unpublished(record: VersionRecord): VersionRecord {
  if (record.revision !== null) throw new AppError('ALREADY_PUBLISHED', `This version is already ${revisionName(record.revision)}.`);
  return record;
}
