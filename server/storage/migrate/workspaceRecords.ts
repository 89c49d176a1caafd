import path from 'node:path';
import type pg from 'pg';
import { canonicalJson } from '../../../shared/export/canonicalJson.js';
import type { AuditEntry, AuditRecord } from '../../domain/records.js';
import { AtomicJsonFile } from '../AtomicJsonFile.js';
import { METADATA_FILE } from '../metadata/LowdbMetadata.js';
import { checkMetadataFile, TABLES, type MetadataFile, type Table } from '../metadata/metadataFile.js';

/** Every metadata record of a workspace, one array per kind, in the order the store keeps them (metadata.json's tables). */
export type WorkspaceRecords = Omit<MetadataFile, 'schemaVersion'>;

/**
 * Reads DATA_DIR/metadata.json as the embedded store would (checkMetadataFile): the whole file, since the
 * repositories have no "list everything" for comments, versions, negotiation and the audit log. No file: an
 * empty workspace. Only while the data folder is locked (nobody is writing it).
 */
export async function readEmbeddedRecords(dataDir: string): Promise<WorkspaceRecords> {
  const file = path.join(dataDir, METADATA_FILE);
  const { schemaVersion: _version, ...records } = checkMetadataFile(await new AtomicJsonFile<unknown>(file).read(), file);
  return records;
}

/**
 * The statements reading each table of the `metadata` schema (schema/metadata.ts) whole, in the order the
 * repositories list them: `ord` is the order records were first written. Invitations and sessions have no
 * order of their own (RECORD_KEYS compares them as sets).
 */
const PG_TABLE_READS: Record<Exclude<Table, 'audit'>, string> = {
  delegations: 'SELECT record FROM metadata.delegations ORDER BY ord',
  users: 'SELECT record FROM metadata.members ORDER BY ord',
  sessions: 'SELECT record FROM metadata.sessions ORDER BY token_hash',
  invitations: 'SELECT record FROM metadata.invitations ORDER BY token_hash',
  drafts: 'SELECT record FROM metadata.drafts ORDER BY ord',
  comments: 'SELECT record FROM metadata.comments ORDER BY ord',
  versions: 'SELECT record FROM metadata.versions ORDER BY ord',
  clauseStatuses: 'SELECT record FROM metadata.clause_statuses ORDER BY ord',
  positions: 'SELECT record FROM metadata.positions ORDER BY ord',
};

/** Reads every table of a PostgreSQL workspace (a few SELECTs, each whole, in one REPEATABLE READ snapshot). */
export async function readPostgresRecords(pool: pg.Pool): Promise<WorkspaceRecords> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables: Partial<Record<Table, unknown[]>> = {};
    for (const [table, sql] of Object.entries(PG_TABLE_READS)) {
      tables[table as Table] = (await client.query<{ record: unknown }>(sql)).rows.map((row) => row.record);
    }
    const audit = await client.query<{ seq: string; record: AuditRecord }>('SELECT seq, record FROM metadata.audit_log ORDER BY seq');
    tables.audit = audit.rows.map(({ seq, record }): AuditEntry => ({ ...record, seq: Number(seq) }));
    await client.query('COMMIT');
    return tables as WorkspaceRecords;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** True when the workspace holds no record at all. */
export function hasNoRecords(records: WorkspaceRecords): boolean {
  return TABLES.every((table) => records[table].length === 0);
}

/**
 * How the check tells records apart where their order is not theirs to keep (the key of a set); the other
 * tables must arrive in the same order, since it is what the repositories list ("in the order written").
 */
const RECORD_KEYS: Partial<Record<Table, (record: unknown) => string>> = {
  sessions: (record) => (record as { tokenHash: string }).tokenHash,
  invitations: (record) => (record as { tokenHash: string }).tokenHash,
};

/**
 * A record as compared: canonical JSON (keys sorted, undefined fields left out, as both stores write them).
 * An audit entry without its number: the target's log numbers entries itself (1, 2, 3 ...), which gives the
 * same numbers whenever the source's run without a gap, as every log the server wrote does.
 */
function comparable(table: Table, record: unknown): string {
  if (table !== 'audit') return canonicalJson(record);
  const { seq: _seq, ...entry } = record as AuditEntry;
  return canonicalJson(entry);
}

/** What differs between the records expected and those found, one line per table that differs (empty: none). */
export function recordDifferences(expected: WorkspaceRecords, found: WorkspaceRecords): string[] {
  const problems: string[] = [];
  for (const table of TABLES) {
    const key = RECORD_KEYS[table];
    const order = (records: unknown[]) => {
      const texts = records.map((record) => ({ record, key: key?.(record) ?? '', text: comparable(table, record) }));
      return key ? texts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) : texts;
    };
    const want = order(expected[table]);
    const got = order(found[table]);
    if (want.length !== got.length) {
      problems.push(`${table}: ${want.length} expected, ${got.length} found`);
      continue;
    }
    const at = want.findIndex((record, i) => record.text !== got[i]!.text);
    if (at >= 0) problems.push(`${table}: record ${at + 1} of ${want.length} differs (${describeRecord(want[at]!.record)})`);
  }
  return problems;
}

/** Names a record by its id (or token hash prefix) for a message, never by its content. */
function describeRecord(record: unknown): string {
  const fields = record as Partial<Record<'id' | 'seq' | 'draftId' | 'clauseId', unknown>>;
  const parts = (['id', 'draftId', 'clauseId', 'seq'] as const)
    .filter((f) => fields[f] !== undefined)
    .map((f) => `${f} ${String(fields[f])}`);
  return parts.length > 0 ? parts.join(', ') : 'no id';
}
