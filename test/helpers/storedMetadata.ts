import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { METADATA_FILE } from '../../server/storage/metadata/LowdbMetadata.js';
import type { MetadataFile } from '../../server/storage/metadata/metadataFile.js';
import { readPostgresRecords, type WorkspaceRecords } from '../../server/storage/migrate/workspaceRecords.js';
import { VERSIONS_DIR } from '../../server/storage/VersionSnapshotStore.js';
import { storedState as storedFiles } from '../integration/versions/versionHelpers.js';
import type { TestServer } from './testServer.js';
import { withOwnPool, type StoredAt } from './testStore.js';

/**
 * Every metadata record the server's store holds now, whichever store that is: metadata.json parsed as
 * JSON (it must parse: a restart reads it), or every row of PostgreSQL's `metadata` tables as committed.
 */
export async function readStoredMetadata(server: StoredAt): Promise<WorkspaceRecords> {
  if (server.databaseUrl) return withOwnPool(server.databaseUrl, readPostgresRecords);
  return JSON.parse(await readFile(path.join(server.dataDir, METADATA_FILE), 'utf8')) as MetadataFile;
}

/** The stored document state of a saved version: its snapshot file, or its row of version_snapshots; null when missing. */
export async function readStoredVersionSnapshot(server: StoredAt, draftId: string, versionId: string): Promise<Uint8Array | null> {
  if (server.databaseUrl) {
    return withOwnPool(server.databaseUrl, async (pool) => {
      const { rows } = await pool.query<{ data: Buffer }>('SELECT data FROM version_snapshots WHERE draft_id = $1 AND version_id = $2', [
        draftId,
        versionId,
      ]);
      return rows[0]?.data ?? null;
    });
  }
  return readFile(path.join(server.dataDir, VERSIONS_DIR, draftId, `${versionId}.bin`)).catch(() => null);
}

/**
 * Every metadata record and version snapshot, to show that a refused request changed nothing: the
 * metadata file and snapshot files byte for byte (versionHelpers' storedState), or every metadata row and
 * every version_snapshots row of PostgreSQL.
 */
export async function storedState(server: TestServer): Promise<{ metadata: string; snapshots: Record<string, string> }> {
  const { databaseUrl } = server;
  if (!databaseUrl) return storedFiles(server);
  return withOwnPool(databaseUrl, async (pool) => {
    const metadata = JSON.stringify(await readPostgresRecords(pool));
    const { rows } = await pool.query<{ draft_id: string; version_id: string; data: Buffer }>(
      'SELECT draft_id, version_id, data FROM version_snapshots ORDER BY draft_id, version_id',
    );
    const snapshots = Object.fromEntries(rows.map((row) => [`${row.draft_id}/${row.version_id}`, row.data.toString('base64')]));
    return { metadata, snapshots };
  });
}
