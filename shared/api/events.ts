import { z } from 'zod';
import { CommentView } from './comments.js';
import { DraftSummary } from './drafts.js';
import { ClauseStatusEntry, PositionView } from './negotiation.js';
import { VersionView } from './versions.js';

/**
 * Live changes that are not CRDT data, pushed to every open page of a draft through one server-sent
 * event stream per draft: `GET /api/drafts/:id/events`. Each SSE message's `event` field is the
 * `type` below and its `data` is the JSON of the whole event. Later features add their own types here.
 */
export const DraftEvent = z.discriminatedUnion('type', [
  /** The draft's title or archived state changed. */
  z.object({ type: z.literal('draft.updated'), draft: DraftSummary }),
  /**
   * Workspace stream only: a draft this member could see no longer has them among its participants, so it
   * leaves their drafts list. Sent only to a stream that knew the draft (listed when it opened, or announced since).
   */
  z.object({ type: z.literal('draft.hidden'), draftId: z.string() }),
  /** A comment was added, edited, deleted (body null), or its thread resolved or reopened. */
  z.object({ type: z.literal('comment.changed'), comment: CommentView }),
  /** A version was saved (named or automatic), published as Rev.N, or renamed. */
  z.object({ type: z.literal('version.changed'), version: VersionView }),
  /** A version that was never published was deleted. */
  z.object({ type: z.literal('version.deleted'), versionId: z.string() }),
  /** The secretariat restored a version into the live draft; `backup` is the version saved of the draft just before. */
  z.object({
    type: z.literal('version.restored'),
    version: VersionView,
    backup: VersionView,
    by: z.object({ id: z.string(), name: z.string() }),
  }),
  /** The secretariat set a clause's status (the entry is appended to the clause's history). */
  z.object({ type: z.literal('clause.status'), entry: ClauseStatusEntry }),
  /** A delegation recorded or changed its position on a clause. */
  z.object({ type: z.literal('position.changed'), position: PositionView }),
  /** A delegation withdrew its position on a clause (`at`: when, so a page can tell it from an older answer). */
  z.object({ type: z.literal('position.withdrawn'), clauseId: z.string(), delegationId: z.string(), at: z.string() }),
  /** A new revision was published: numbers now count from it (clause id -> number). */
  z.object({ type: z.literal('numbering.changed'), numbering: z.record(z.string(), z.string()), revision: z.number().int().positive() }),
]);
export type DraftEvent = z.infer<typeof DraftEvent>;

/** Seconds between keep-alive comments on an idle stream, so proxies do not cut it. */
export const EVENT_STREAM_HEARTBEAT_SECONDS = 25;
/** Open event streams one member may hold at once (tabs); more get 429 TOO_MANY_STREAMS. */
export const MAX_EVENT_STREAMS_PER_MEMBER = 20;
