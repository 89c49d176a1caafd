import path from 'node:path';
import { isId } from '../../shared/ids.js';

/** Folder under DATA_DIR that holds one sub-folder per draft document. */
export const DOCS_DIR = 'docs';

/** Where one draft's document lives on disk. */
export interface DraftPaths {
  dir: string;
  /** Append-only update log since the last compaction. */
  log: string;
  /** The last compacted full state, one record. */
  snapshot: string;
  /** A snapshot being written; renamed over `snapshot` once it is on disk. A leftover one is stale. */
  snapshotTmp: string;
  /** Append-only record of which member each Yjs client id belongs to (ClientIdOwnerLog). */
  clients: string;
}

/**
 * Builds a draft's paths. Ids were validated at the edge already; checking the strict pattern again
 * here means no caller mistake can ever turn a draft id into `..` or a slash in a path.
 */
export function draftPaths(dataDir: string, draftId: string): DraftPaths {
  if (!isId(draftId)) throw new Error(`Refusing to build a storage path from an invalid draft id: ${JSON.stringify(draftId)}`);
  const dir = path.join(dataDir, DOCS_DIR, draftId);
  return {
    dir,
    log: path.join(dir, 'log.bin'),
    snapshot: path.join(dir, 'snapshot.bin'),
    snapshotTmp: path.join(dir, 'snapshot.bin.tmp'),
    clients: path.join(dir, 'clients.bin'),
  };
}
