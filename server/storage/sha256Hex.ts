import { createHash } from 'node:crypto';

/** sha256 as lower-case hex: the form checksums and fingerprints are stored and shown in. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
