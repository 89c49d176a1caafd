import { readdir, stat } from 'node:fs/promises';
import type pg from 'pg';
import type { VersionRecord } from '../../domain/records.js';
import { LOCK_FILE, lockDataDir } from '../DataDirLock.js';
import { migrate } from '../postgres/migrations.js';
import { PgMetadata } from '../postgres/PgMetadata.js';
import { withPool } from '../postgres/withPool.js';
import type { VersionSnapshots } from '../VersionSnapshotStore.js';
import { copyRecords, liveSessions } from './copyRecords.js';
import { copyDocument, documentDifferences, readDocument, type DocumentSummary } from './documentCopy.js';
import { hasNoRecords, readEmbeddedRecords, recordDifferences, type WorkspaceRecords } from './workspaceRecords.js';
import { databaseLabel, embeddedSide, postgresSide, type OpenWorkspace, type WorkspaceSide } from './workspaceSides.js';

/**
 * Moving a workspace between the embedded store (DATA_DIR) and PostgreSQL (`npm run admin -- store migrate
 * --to URL | --from URL`): everything is copied into a target that must be empty, then read back from the
 * target through fresh stores and checked against the source before the report is printed.
 *
 * What is copied: every metadata record (delegations, members, invitations, drafts, comments, versions,
 * clause statuses, positions, the audit log, and the signed-in sessions still valid), each kind in its
 * source order, written through the target's repositories in one transaction; each draft's document (its
 * whole Yjs state as one update, then compacted) and client id owners; each version's snapshot bytes.
 * What is checked: every record as it was (canonical JSON; the audit log in order, numbered by the
 * target), every draft's document (state vector, deletions and text of a document rebuilt from each side)
 * and client id owners, every version's snapshot read back against the sha256 its record keeps.
 */

/** What was moved: counts of each kind, and where from and to. */
export interface MigrationReport {
  from: string;
  to: string;
  drafts: number;
  /** Drafts with a stored document (the others were never opened: each store seeds them when first opened). */
  documents: number;
  clientIdOwners: number;
  versions: number;
  comments: number;
  members: number;
  delegations: number;
  invitations: number;
  clauseStatuses: number;
  positions: number;
  auditEntries: number;
  /** Signed-in sessions still valid, copied so members stay signed in. */
  sessions: number;
}

/** The migration did not start: the target is not empty, the source holds nothing. Nothing was written. */
export class MigrationRefusedError extends Error {
  constructor(message: string) {
    super(`${message} Nothing was written.`);
    this.name = 'MigrationRefusedError';
  }
}

/** Copying or checking failed part-way: what the target holds is incomplete or wrong and must not be used. */
export class MigrationFailedError extends Error {
  constructor(source: string, target: string, what: string, options?: ErrorOptions) {
    super(
      `Moving the workspace from ${source} to ${target} failed: ${what}. What was written to ${target} is incomplete: ` +
        'do not use it; remove it (drop and create the database again, or empty the folder) before trying again.',
      options,
    );
    this.name = 'MigrationFailedError';
  }
}

export interface MigrationOptions {
  /** Sessions expired by then are not copied. @default the current time */
  now?: Date;
}

/**
 * Copies the embedded workspace in `dataDir` into the empty PostgreSQL database at `databaseUrl`, then checks
 * it. Holds the data folder's lock (a running server refuses it, as the admin CLI is refused) and the
 * database's setup lock (a server starting on the database meanwhile waits, then finds the workspace and does
 * not seed one). Refuses a database holding anything: any metadata record, any document row, or tables of
 * something else.
 */
export async function migrateToPostgres(dataDir: string, databaseUrl: string, options: MigrationOptions = {}): Promise<MigrationReport> {
  checkDatabaseUrl(databaseUrl);
  await requireFolder(dataDir);
  const unlock = await lockDataDir(dataDir);
  try {
    // Before the database is touched: an empty folder (a mistyped DATA_DIR) changes nothing there.
    if (hasNoRecords(await readEmbeddedRecords(dataDir))) {
      throw new MigrationRefusedError(`DATA_DIR ${dataDir} holds no workspace: there is nothing to copy.`);
    }
    return await withPool(databaseUrl, async (pool) => {
      const target = postgresSide(pool, databaseUrl);
      await refuseForeignDatabase(pool, target.label);
      let report: MigrationReport | undefined;
      await migrate(pool, async () => {
        await refuseUnlessEmptyDatabase(pool, target.label);
        report = await moveWorkspace(embeddedSide(dataDir), target, options.now ?? new Date());
      });
      return report!;
    });
  } finally {
    await unlock();
  }
}

/**
 * Copies the workspace in the PostgreSQL database at `databaseUrl` into `dataDir`, which must be new or empty
 * (a backup, or the way back to the embedded store), then checks it. The servers on the database should be
 * stopped: what they write meanwhile makes the check fail rather than go missing. The database is migrated
 * to the schema this code reads first, as a server start would (one newer than it knows is refused).
 */
export async function migrateFromPostgres(databaseUrl: string, dataDir: string, options: MigrationOptions = {}): Promise<MigrationReport> {
  checkDatabaseUrl(databaseUrl);
  const unlock = await lockDataDir(dataDir);
  try {
    await refuseUnlessEmptyFolder(dataDir);
    return await withPool(databaseUrl, async (pool) => {
      const source = postgresSide(pool, databaseUrl);
      await requireWorkspaceSchema(pool, source.label);
      await migrate(pool);
      return moveWorkspace(source, embeddedSide(dataDir), options.now ?? new Date());
    });
  } finally {
    await unlock();
  }
}

/** The report as the CLI prints it. */
export function describeMigration(report: MigrationReport): string {
  const copied = [
    count(report.drafts, 'draft'),
    count(report.versions, 'version'),
    count(report.comments, 'comment'),
    count(report.members, 'member'),
    count(report.delegations, 'delegation'),
    count(report.invitations, 'invitation'),
    count(report.clauseStatuses, 'clause status', 'clause statuses'),
    count(report.positions, 'position'),
    count(report.auditEntries, 'audit entry', 'audit entries'),
    count(report.sessions, 'signed-in session'),
  ];
  return [
    `Copied ${copied.slice(0, -1).join(', ')} and ${copied.at(-1)!}`,
    `  from ${report.from}`,
    `  to ${report.to}.`,
    "Checked: every draft's text, every version's fingerprint, every comment and member arrived; " +
      `so did every other record, ${count(report.documents, 'stored document')} and ${count(report.clientIdOwners, 'client id owner')}.`,
  ].join('\n');
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Copies everything from `source` into `target`, then checks the target against what was read from the source. */
async function moveWorkspace(source: WorkspaceSide, target: WorkspaceSide, now: Date): Promise<MigrationReport> {
  const records = await source.readRecords();
  if (hasNoRecords(records)) throw new MigrationRefusedError(`${source.label} holds no workspace: there is nothing to copy.`);
  const from = await source.open();
  try {
    let documents: Map<string, DocumentSummary>;
    try {
      documents = await copyAll(records, from, target, now);
    } catch (error) {
      throw new MigrationFailedError(source.label, target.label, `copying stopped (${messageOf(error)})`, { cause: error });
    }
    const problems = await checkAll(records, documents, target, now);
    if (problems.length > 0) {
      const shown = problems.slice(0, 10).join('; ');
      const more = problems.length > 10 ? ` and ${problems.length - 10} more` : '';
      throw new MigrationFailedError(source.label, target.label, `the copy does not match the source (${shown}${more})`);
    }
    return {
      from: source.label,
      to: target.label,
      drafts: records.drafts.length,
      documents: [...documents.values()].filter((summary) => summary.stored).length,
      clientIdOwners: [...documents.values()].reduce((sum, summary) => sum + summary.owners.length, 0),
      versions: records.versions.length,
      comments: records.comments.length,
      members: records.users.length,
      delegations: records.delegations.length,
      invitations: records.invitations.length,
      clauseStatuses: records.clauseStatuses.length,
      positions: records.positions.length,
      auditEntries: records.audit.length,
      sessions: liveSessions(records, now).length,
    };
  } finally {
    await from.close();
  }
}

/**
 * Documents and version snapshots first, the metadata last in one transaction: a copy that stops part-way
 * leaves no records behind, so a server started on the target would not take it for a workspace. Returns
 * each draft's document as read from the source.
 */
async function copyAll(
  records: WorkspaceRecords,
  from: OpenWorkspace,
  target: WorkspaceSide,
  now: Date,
): Promise<Map<string, DocumentSummary>> {
  const to = await target.open();
  try {
    const documents = new Map<string, DocumentSummary>();
    for (const draft of records.drafts) documents.set(draft.id, await copyDocument(from.documents, to.documents, draft.id));
    for (const version of records.versions) await copySnapshot(from.snapshots, to.snapshots, version);
    await copyRecords(records, to.metadata, now);
    return documents;
  } finally {
    await to.close();
  }
}

/** Copies a version's snapshot, read against the sha256 its record keeps (a damaged source stops the copy, naming it). */
async function copySnapshot(from: VersionSnapshots, to: VersionSnapshots, version: VersionRecord): Promise<void> {
  const bytes = await from.read(version.draftId, version.id, version.snapshotSha256);
  const written = await to.write(version.draftId, version.id, bytes);
  if (written !== version.snapshotSha256) throw new Error(`the snapshot of version ${version.id} changed on the way`);
}

/** Reads the target back through fresh stores and lists every difference from the source (empty: the copy is whole). */
async function checkAll(
  records: WorkspaceRecords,
  documents: Map<string, DocumentSummary>,
  target: WorkspaceSide,
  now: Date,
): Promise<string[]> {
  const problems = recordDifferences({ ...records, sessions: liveSessions(records, now) }, await target.readRecords());
  const to = await target.open();
  try {
    for (const [draftId, expected] of documents) {
      try {
        const { summary } = await readDocument(to.documents, draftId);
        for (const problem of documentDifferences(expected, summary)) problems.push(`draft ${draftId}: ${problem}`);
      } catch (error) {
        problems.push(`draft ${draftId}: its document cannot be read (${messageOf(error)})`);
      }
      await to.documents.release(draftId);
    }
    for (const version of records.versions) {
      await to.snapshots.read(version.draftId, version.id, version.snapshotSha256).catch((error: unknown) => {
        problems.push(`version ${version.id} of draft ${version.draftId}: ${messageOf(error)}`);
      });
    }
  } finally {
    await to.close();
  }
  return problems;
}

function checkDatabaseUrl(databaseUrl: string): void {
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new MigrationRefusedError(`Expected a postgres:// (or postgresql://) URL, got "${databaseLabel(databaseUrl)}".`);
  }
}

/** The source folder must exist: taking its lock would otherwise create an empty one (a mistyped DATA_DIR). */
async function requireFolder(dataDir: string): Promise<void> {
  const found = await stat(dataDir).catch(() => null);
  if (!found?.isDirectory()) throw new MigrationRefusedError(`DATA_DIR ${dataDir} does not exist: there is nothing to copy.`);
}

/** The target folder must be new or empty (but for the lock this migration holds): nothing in it is overwritten. */
async function refuseUnlessEmptyFolder(dataDir: string): Promise<void> {
  const entries = (await readdir(dataDir)).filter((name) => name !== LOCK_FILE);
  if (entries.length === 0) return;
  const shown = entries.slice(0, 5).join(', ') + (entries.length > 5 ? ' ...' : '');
  throw new MigrationRefusedError(
    `DATA_DIR ${dataDir} is not empty (it holds ${shown}): refusing to copy into it, so nothing there is overwritten. ` +
      'Set DATA_DIR to a new or empty folder.',
  );
}

/** A database without this server's schema but with tables of its own is someone else's: refused before the schema is created in it. */
async function refuseForeignDatabase(pool: pg.Pool, label: string): Promise<void> {
  const { rows } = await pool.query<{ ours: boolean; tables: string }>(
    `SELECT to_regclass('schema_migrations') IS NOT NULL AS ours,
            (SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')) AS tables`,
  );
  if (!rows[0]!.ours && Number(rows[0]!.tables) > 0) {
    throw new MigrationRefusedError(`${label} is not empty: it holds tables of something else. Use a new, empty database.`);
  }
}

/** The target database must hold no workspace, nor any part of one (a metadata record or a document row). */
async function refuseUnlessEmptyDatabase(pool: pg.Pool, label: string): Promise<void> {
  const { rows } = await pool.query<{ documents: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM draft_heads) OR EXISTS (SELECT 1 FROM draft_updates) OR EXISTS (SELECT 1 FROM draft_snapshots)
         OR EXISTS (SELECT 1 FROM client_id_owners) OR EXISTS (SELECT 1 FROM version_snapshots) AS documents`,
  );
  if (rows[0]!.documents || !(await new PgMetadata(pool).isEmpty())) {
    throw new MigrationRefusedError(
      `${label} is not empty: it already holds a workspace, or part of one. Refusing to copy into it, so nothing there is ` +
        'overwritten. Use a new, empty database.',
    );
  }
}

/** A source database must have been set up by this server (never created here: a mistyped URL gets no schema). */
async function requireWorkspaceSchema(pool: pg.Pool, label: string): Promise<void> {
  const { rows } = await pool.query<{ ours: boolean }>(`SELECT to_regclass('schema_migrations') IS NOT NULL AS ours`);
  if (!rows[0]!.ours) throw new MigrationRefusedError(`${label} holds no workspace: there is nothing to copy.`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
