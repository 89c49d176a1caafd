import { z } from 'zod';
import { DraftComparison } from '../compare/DraftComparison.js';
import { DraftText } from '../export/DraftText.js';
import { ID_PATTERN } from '../ids.js';
import { text } from './common.js';

/** Size limits of versions. */
export const VERSION_LIMITS = {
  /** Characters in a version's label. */
  labelLength: 200,
} as const;

/** The label of the versions the server saves by itself when a draft went quiet after changes. */
export const AUTOMATIC_VERSION_LABEL = 'Automatic snapshot';

/** The label of the version saved of the live draft just before another version is restored over it (at most 200 characters). */
export function beforeRestoreLabel(restored: { label: string; revision: number | null }): string {
  const name = restored.revision === null ? `“${restored.label}”` : `${revisionName(restored.revision)} “${restored.label}”`;
  const label = `Before restoring ${name}`;
  return label.length <= VERSION_LIMITS.labelLength ? label : `${label.slice(0, VERSION_LIMITS.labelLength - 2)}…”`;
}

/** How a published revision is named: Rev.1, Rev.2 ... (numbered per draft, in order of publication). */
export function revisionName(revision: number): string {
  return `Rev.${revision}`;
}

/** A version label: trimmed, 1 to 200 characters, no control characters. */
export const VersionLabel = text(VERSION_LIMITS.labelLength);

/** POST /api/drafts/:id/versions (delegates and the secretariat): save the live draft as a named version. */
export const CreateVersionBody = z.strictObject({ label: VersionLabel });
export type CreateVersionBody = z.infer<typeof CreateVersionBody>;

/** PATCH /api/drafts/:id/versions/:versionId (its author or the secretariat): rename a version that is not published. */
export const UpdateVersionBody = z.strictObject({ label: VersionLabel });
export type UpdateVersionBody = z.infer<typeof UpdateVersionBody>;

/** Named versions are saved by a member; automatic ones by the server when a draft went quiet after changes. */
export const VERSION_KINDS = ['named', 'automatic'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

/** A version as the API returns it. */
export const VersionView = z.object({
  id: z.string(),
  draftId: z.string(),
  label: z.string(),
  kind: z.enum(VERSION_KINDS),
  /** Who saved it, as they were then; null for automatic versions. */
  author: z.object({ id: z.string(), name: z.string(), delegation: z.string().nullable() }).nullable(),
  createdAt: z.string(),
  /** N of Rev.N once published (see revisionName), else null. */
  revision: z.number().int().positive().nullable(),
  publishedAt: z.string().nullable(),
  publishedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  /**
   * sha256 (hex) of the version's DraftText as canonical JSON, i.e. of its JSON export. Computed when the
   * version is saved and again when it is published (the revision name is part of the text), then never again:
   * a published revision's fingerprint never changes.
   */
  fingerprint: z.string(),
});
export type VersionView = z.infer<typeof VersionView>;

/** GET /api/drafts/:id/versions/:versionId: the version and its text, for the read-only view. */
export const VersionDetail = z.object({ version: VersionView, text: DraftText });
export type VersionDetail = z.infer<typeof VersionDetail>;

/** What `from` and `to` of a comparison may name: a version of the draft, or the live draft. */
export const LIVE = 'live';
export const VersionRef = z.union([z.literal(LIVE), z.string().regex(ID_PATTERN, 'Not a version id or "live"')]);

/** GET /api/drafts/:id/compare?from=<versionId|live>&to=<versionId|live> */
export const CompareQuery = z.object({ from: VersionRef, to: VersionRef });
export type CompareQuery = z.infer<typeof CompareQuery>;

/** One side of a comparison: a saved version, or the live draft as it was when compared. */
export const CompareSide = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('version'), version: VersionView }),
  z.object({ kind: z.literal('live'), at: z.string() }),
]);
export type CompareSide = z.infer<typeof CompareSide>;

export const CompareResult = z.object({ from: CompareSide, to: CompareSide, comparison: DraftComparison });
export type CompareResult = z.infer<typeof CompareResult>;

/** POST /api/drafts/:id/versions/:versionId/restore: the version restored, and the version saved of the live draft just before. */
export const RestoreResult = z.object({ restored: VersionView, backup: VersionView });
export type RestoreResult = z.infer<typeof RestoreResult>;
