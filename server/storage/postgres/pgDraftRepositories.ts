import type { CommentRepository, DraftRepository, VersionRepository } from '../../domain/repositories.js';
import type { CommentRecord, DraftRecord, VersionRecord } from '../../domain/records.js';
import { firstRecord, json, records, replaced, type RecordRow, type SqlAccess } from './SqlAccess.js';

/** Drafts over metadata.drafts. */
export function pgDraftRepository({ read, write }: SqlAccess): DraftRepository {
  return {
    list: async () => records(await read<RecordRow<DraftRecord>>('SELECT record FROM metadata.drafts ORDER BY ord')),
    get: async (id) => firstRecord(await read<RecordRow<DraftRecord>>('SELECT record FROM metadata.drafts WHERE id = $1', [id])),
    add: (draft) =>
      write(async (query) => {
        await query('INSERT INTO metadata.drafts (id, record) VALUES ($1, $2)', [draft.id, json(draft)]);
      }),
    put: (draft) =>
      write(async (query) => replaced(await query('UPDATE metadata.drafts SET record = $2 WHERE id = $1', [draft.id, json(draft)]))),
  };
}

/** Comments over metadata.comments; a put keeps the comment's place in its draft's order. */
export function pgCommentRepository({ read, write }: SqlAccess): CommentRepository {
  return {
    listByDraft: async (draftId) =>
      records(await read<RecordRow<CommentRecord>>('SELECT record FROM metadata.comments WHERE draft_id = $1 ORDER BY ord', [draftId])),
    get: async (draftId, id) =>
      firstRecord(
        await read<RecordRow<CommentRecord>>('SELECT record FROM metadata.comments WHERE id = $1 AND draft_id = $2', [id, draftId]),
      ),
    add: (comment) =>
      write(async (query) => {
        await query('INSERT INTO metadata.comments (id, draft_id, record) VALUES ($1, $2, $3)', [
          comment.id,
          comment.draftId,
          json(comment),
        ]);
      }),
    put: (comment) =>
      write(async (query) =>
        replaced(
          await query('UPDATE metadata.comments SET draft_id = $2, record = $3 WHERE id = $1', [
            comment.id,
            comment.draftId,
            json(comment),
          ]),
        ),
      ),
  };
}

/** The version's columns besides its key and record, in the order of the INSERT and UPDATE below ($3..$5). */
const versionColumns = (version: VersionRecord) => [version.createdAt, version.revision, version.publishedAt];

/** Versions over metadata.versions, keyed by draft and id. */
export function pgVersionRepository({ read, write }: SqlAccess): VersionRepository {
  return {
    listByDraft: async (draftId) =>
      records(
        await read<RecordRow<VersionRecord>>('SELECT record FROM metadata.versions WHERE draft_id = $1 ORDER BY created_at, ord', [
          draftId,
        ]),
      ),
    get: async (draftId, id) =>
      firstRecord(
        await read<RecordRow<VersionRecord>>('SELECT record FROM metadata.versions WHERE draft_id = $1 AND id = $2', [draftId, id]),
      ),
    latestRevision: async (draftId, at) =>
      firstRecord(
        await read<RecordRow<VersionRecord>>(
          `SELECT record FROM metadata.versions
            WHERE draft_id = $1 AND revision IS NOT NULL AND published_at IS NOT NULL
              AND ($2::timestamptz IS NULL OR published_at <= $2::timestamptz)
            ORDER BY revision DESC, ord
            LIMIT 1`,
          [draftId, at ?? null],
        ),
      ),
    add: (version) =>
      write(async (query) => {
        await query(
          `INSERT INTO metadata.versions (draft_id, id, created_at, revision, published_at, record)
           VALUES ($1, $2, $3::timestamptz, $4, $5::timestamptz, $6)`,
          [version.draftId, version.id, ...versionColumns(version), json(version)],
        );
      }),
    put: (version) =>
      write(async (query) =>
        replaced(
          await query(
            `UPDATE metadata.versions SET created_at = $3::timestamptz, revision = $4, published_at = $5::timestamptz, record = $6
              WHERE draft_id = $1 AND id = $2`,
            [version.draftId, version.id, ...versionColumns(version), json(version)],
          ),
        ),
      ),
    remove: (draftId, id) =>
      write(async (query) => {
        const { rowCount } = await query('DELETE FROM metadata.versions WHERE draft_id = $1 AND id = $2', [draftId, id]);
        return (rowCount ?? 0) > 0;
      }),
  };
}
