import type pg from 'pg';
import { isId } from '../../../shared/ids.js';
import { sha256Hex } from '../sha256Hex.js';
import { SnapshotUnreadableError, type VersionSnapshots } from '../VersionSnapshotStore.js';

/**
 * The document state of each saved version in PostgreSQL (table version_snapshots), with the same
 * behaviour as the file VersionSnapshotStore: a write is durable once it resolves (committed) and returns
 * the sha256 the version's record keeps; a read checks the bytes against it, so a row changed or lost
 * behind the server's back is refused (SnapshotUnreadableError) rather than shown as that version.
 */
export class PgVersionSnapshotStore implements VersionSnapshots {
  constructor(private readonly pool: pg.Pool) {}

  async write(draftId: string, versionId: string, bytes: Uint8Array): Promise<string> {
    checkIds(draftId, versionId);
    // Like the file store's rename over an old file: writing a version id again replaces its bytes.
    await this.pool.query(
      `INSERT INTO version_snapshots (draft_id, version_id, data) VALUES ($1, $2, $3)
       ON CONFLICT (draft_id, version_id) DO UPDATE SET data = EXCLUDED.data`,
      [draftId, versionId, Buffer.from(bytes)],
    );
    return sha256Hex(bytes);
  }

  async read(draftId: string, versionId: string, expectedSha256: string): Promise<Uint8Array> {
    checkIds(draftId, versionId);
    const where = label(draftId, versionId);
    const { rows } = await this.pool.query<{ data: Buffer }>('SELECT data FROM version_snapshots WHERE draft_id = $1 AND version_id = $2', [
      draftId,
      versionId,
    ]);
    const data = rows[0]?.data;
    if (!data) throw new SnapshotUnreadableError(where, 'it is missing');
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (sha256Hex(bytes) !== expectedSha256) throw new SnapshotUnreadableError(where, 'its checksum does not match');
    return bytes;
  }

  async delete(draftId: string, versionId: string): Promise<void> {
    checkIds(draftId, versionId);
    await this.pool.query('DELETE FROM version_snapshots WHERE draft_id = $1 AND version_id = $2', [draftId, versionId]);
  }
}

/** Same guard as the file store: ids that did not come from this system never reach a query. */
function checkIds(draftId: string, versionId: string): void {
  if (!isId(draftId) || !isId(versionId)) {
    throw new Error(`Refusing invalid version snapshot ids: ${JSON.stringify([draftId, versionId])}`);
  }
}

/** How SnapshotUnreadableError names a row (it names a file for the file store). */
function label(draftId: string, versionId: string): string {
  return `version_snapshots(${draftId}, ${versionId})`;
}
