import { openStorageFile, type OpenStorageFile, type StorageFile } from '../../../server/storage/StorageFile.js';

/** A disk failure to produce on the next matching call. */
export interface Fault {
  /** 'datasync' on a file opened with synced writes (O_DSYNC) fails its next write after the bytes went in, as such a file reports a failed sync. */
  operation: 'write' | 'datasync';
  /** errno code, e.g. ENOSPC or EIO. */
  code: string;
  /** Only files whose path ends like this. */
  fileSuffix: string;
  /** For writes: put this share of the bytes on disk before failing, like a disk that fills up mid-write. */
  partial?: number;
}

/**
 * Real files (node:fs underneath) that fail once on demand with a real errno code: the only way to get
 * ENOSPC or EIO at a chosen moment without a special file system.
 */
export function faultyFiles(): { openFile: OpenStorageFile; failNext(fault: Fault): void } {
  let next: Fault | null = null;
  const take = (operation: Fault['operation'], file: string): Fault | null => {
    if (next?.operation !== operation || !file.endsWith(next.fileSuffix)) return null;
    const fault = next;
    next = null;
    return fault;
  };
  const openFile: OpenStorageFile = async (file, options) => {
    const real = await openStorageFile(file, options);
    const wrapped: StorageFile = {
      syncedWrites: real.syncedWrites,
      size: () => real.size(),
      read: (position, length) => real.read(position, length),
      truncate: (length) => real.truncate(length),
      close: () => real.close(),
      async write(data, position) {
        if (real.syncedWrites) {
          const syncFault = take('datasync', file);
          if (syncFault) {
            await real.write(data, position);
            throw errno(syncFault.code);
          }
        }
        const fault = take('write', file);
        if (!fault) return real.write(data, position);
        await real.write(data.subarray(0, Math.floor(data.byteLength * (fault.partial ?? 0))), position);
        throw errno(fault.code);
      },
      async datasync() {
        const fault = take('datasync', file);
        if (fault) throw errno(fault.code);
        return real.datasync();
      },
    };
    return wrapped;
  };
  return {
    openFile,
    failNext(fault) {
      next = fault;
    },
  };
}

function errno(code: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: injected disk failure`);
  error.code = code;
  return error;
}
