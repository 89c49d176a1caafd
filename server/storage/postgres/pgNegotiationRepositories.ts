import type { AuditRepository, NegotiationRepository } from '../../domain/repositories.js';
import type { AuditEntry, AuditRecord, ClauseStatusRecord, PositionRecord } from '../../domain/records.js';
import { firstRecord, json, records, type RecordRow, type SqlAccess } from './SqlAccess.js';

/** Clause statuses (metadata.clause_statuses, in the order made) and current positions (metadata.positions). */
export function pgNegotiationRepository({ read, write }: SqlAccess): NegotiationRepository {
  return {
    statusesByDraft: async (draftId) =>
      records(
        await read<RecordRow<ClauseStatusRecord>>('SELECT record FROM metadata.clause_statuses WHERE draft_id = $1 ORDER BY ord', [
          draftId,
        ]),
      ),
    currentStatus: async (draftId, clauseId, at) =>
      firstRecord(
        await read<RecordRow<ClauseStatusRecord>>(
          `SELECT record FROM metadata.clause_statuses
            WHERE draft_id = $1 AND clause_id = $2 AND ($3::timestamptz IS NULL OR at <= $3::timestamptz)
            ORDER BY ord DESC
            LIMIT 1`,
          [draftId, clauseId, at ?? null],
        ),
      ),
    appendStatus: (record) =>
      write(async (query) => {
        await query('INSERT INTO metadata.clause_statuses (draft_id, clause_id, at, record) VALUES ($1, $2, $3::timestamptz, $4)', [
          record.draftId,
          record.clauseId,
          record.at,
          json(record),
        ]);
      }),
    positionsByDraft: async (draftId) =>
      records(await read<RecordRow<PositionRecord>>('SELECT record FROM metadata.positions WHERE draft_id = $1 ORDER BY ord', [draftId])),
    findPosition: async (draftId, clauseId, delegationId) =>
      firstRecord(
        await read<RecordRow<PositionRecord>>(
          'SELECT record FROM metadata.positions WHERE draft_id = $1 AND clause_id = $2 AND delegation_id = $3',
          [draftId, clauseId, delegationId],
        ),
      ),
    putPosition: (record) =>
      write(async (query) => {
        // A replaced position keeps its place (ord) among the draft's positions.
        await query(
          `INSERT INTO metadata.positions (draft_id, clause_id, delegation_id, record) VALUES ($1, $2, $3, $4)
           ON CONFLICT (draft_id, clause_id, delegation_id) DO UPDATE SET record = EXCLUDED.record`,
          [record.draftId, record.clauseId, record.delegationId, json(record)],
        );
      }),
    removePosition: (draftId, clauseId, delegationId) =>
      write(async (query) =>
        firstRecord(
          await query<RecordRow<PositionRecord>>(
            'DELETE FROM metadata.positions WHERE draft_id = $1 AND clause_id = $2 AND delegation_id = $3 RETURNING record',
            [draftId, clauseId, delegationId],
          ),
        ),
      ),
  };
}

interface AuditRow {
  /** bigint: pg hands it over as text. */
  seq: string;
  record: AuditRecord;
}

const toEntry = ({ seq, record }: AuditRow): AuditEntry => ({ ...record, seq: Number(seq) });

/**
 * The audit log over metadata.audit_log. Each entry takes the next number from metadata.audit_counter in the
 * statement that inserts it: the counter's row lock, held until the write commits, makes appenders from any
 * process take turns, and a rolled-back append gives its number back.
 */
export function pgAuditRepository({ read, write }: SqlAccess): AuditRepository {
  return {
    append: (record) =>
      write(async (query) => {
        const text = json(record);
        const { rows } = await query<{ seq: string }>(
          `WITH next AS (UPDATE metadata.audit_counter SET last_seq = last_seq + 1 RETURNING last_seq)
           INSERT INTO metadata.audit_log (seq, draft_id, action, record) SELECT last_seq, $1, $2, $3 FROM next
           RETURNING seq`,
          [record.draftId ?? null, record.action, text],
        );
        // The entry as it will read back: parsed from what was stored (undefined fields absent).
        return toEntry({ seq: rows[0]!.seq, record: JSON.parse(text) as AuditRecord });
      }),
    pageByDraft: async (draftId, { before, limit, actions }) => {
      const { rows } = await read<AuditRow>(
        `SELECT seq, record FROM metadata.audit_log
          WHERE draft_id = $1 AND ($2::bigint IS NULL OR seq < $2::bigint) AND ($3::text[] IS NULL OR action = ANY($3::text[]))
          ORDER BY seq DESC
          LIMIT $4`,
        [draftId, before ?? null, actions ? [...actions] : null, Math.max(0, limit)],
      );
      return rows.map(toEntry);
    },
    page: async ({ before, limit, actions }) => {
      const { rows } = await read<AuditRow>(
        `SELECT seq, record FROM metadata.audit_log
          WHERE ($1::bigint IS NULL OR seq < $1::bigint) AND ($2::text[] IS NULL OR action = ANY($2::text[]))
          ORDER BY seq DESC
          LIMIT $3`,
        [before ?? null, actions ? [...actions] : null, Math.max(0, limit)],
      );
      return rows.map(toEntry);
    },
  };
}
