import { z } from 'zod';
import { IdSchema, text } from './common.js';
import { LIMITS } from '../limits.js';

/** What a new draft's document starts with: the starter text from drafts/, or nothing. */
export const DRAFT_TEMPLATES = ['starter', 'blank'] as const;
export type DraftTemplate = (typeof DRAFT_TEMPLATES)[number];

/**
 * How delegates change a draft's text (the secretariat always edits directly):
 * - `direct`: they type into the text, as in a shared document;
 * - `amendments`: their typing becomes proposals (insertion and deletion marks tagged with their
 *   delegation) that the secretariat accepts or rejects; the accepted text is the secretariat's alone.
 * New drafts start in `direct`.
 */
export const EDITING_MODES = ['direct', 'amendments'] as const;
export type EditingMode = (typeof EDITING_MODES)[number];
export const DEFAULT_EDITING_MODE: EditingMode = 'direct';

/** POST /api/drafts (secretariat) */
export const CreateDraftBody = z.strictObject({
  title: text(LIMITS.draftTitleLength),
  template: z.enum(DRAFT_TEMPLATES).default('blank'),
});
export type CreateDraftBody = z.infer<typeof CreateDraftBody>;

/** Most delegations and members one draft's participants may name (far more than a workspace has). */
export const MAX_PARTICIPANT_IDS = 500;

/**
 * Who takes part in a draft besides the secretariat (which always does): the delegates of the listed
 * delegations and the members listed by id (reviewers, say). `null` instead of this means every active
 * member, the default. A member who is not a participant cannot find the draft at all (DRAFT_NOT_FOUND).
 */
export const DraftParticipants = z.strictObject({
  delegationIds: z.array(IdSchema).max(MAX_PARTICIPANT_IDS),
  memberIds: z.array(IdSchema).max(MAX_PARTICIPANT_IDS),
});
export type DraftParticipants = z.infer<typeof DraftParticipants>;

/**
 * PATCH /api/drafts/:id (secretariat): rename, archive or unarchive, change the editing mode, or choose the
 * participants (`null`: everyone). Participants naming an unknown delegation or member are refused with
 * UNKNOWN_PARTICIPANTS, and nothing of the request changes.
 */
export const UpdateDraftBody = z
  .strictObject({
    title: text(LIMITS.draftTitleLength).optional(),
    archived: z.boolean().optional(),
    editingMode: z.enum(EDITING_MODES).optional(),
    participants: DraftParticipants.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change' });
export type UpdateDraftBody = z.infer<typeof UpdateDraftBody>;

/** Brackets, options and undecided proposals (amendments) still open in a draft (shared/negotiation/counts.ts). */
export const DraftCountsView = z.object({
  brackets: z.number().int().nonnegative(),
  options: z.number().int().nonnegative(),
  proposals: z.number().int().nonnegative(),
});
export type DraftCountsView = z.infer<typeof DraftCountsView>;

export const DraftSummary = z.object({
  id: z.string(),
  title: z.string(),
  archived: z.boolean(),
  /** How delegates change the text (EDITING_MODES). */
  editingMode: z.enum(EDITING_MODES),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Open brackets, options and proposals as last counted by the server (kept current while the draft changes). */
  counts: DraftCountsView,
  /** Who takes part besides the secretariat (DraftParticipants); null: every active member. */
  participants: DraftParticipants.nullable(),
});
export type DraftSummary = z.infer<typeof DraftSummary>;
