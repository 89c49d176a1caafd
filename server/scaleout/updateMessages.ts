import { isId } from '../../shared/ids.js';
import type { CommittedElsewhere } from './DraftSync.js';

/**
 * A committed update on the bus: a JSON header line (draft, number in the draft's log, commit time), then
 * the update's bytes. Read back defensively: whatever is not of this shape is dropped (the database repair
 * makes good anything lost).
 */
export function encodeCommitted({ draftId, seq, committedAt, update }: CommittedElsewhere): Buffer {
  return Buffer.concat([Buffer.from(`${JSON.stringify({ draftId, seq, committedAt })}\n`), update]);
}

export function decodeCommitted(payload: Buffer): CommittedElsewhere | null {
  const end = payload.indexOf(0x0a);
  if (end < 0 || end > 512) return null;
  try {
    const header = JSON.parse(payload.subarray(0, end).toString('utf8')) as Partial<Record<'draftId' | 'seq' | 'committedAt', unknown>>;
    const { draftId, seq, committedAt } = header;
    if (!isId(draftId) || !Number.isSafeInteger(seq) || (seq as number) < 1 || typeof committedAt !== 'number') return null;
    return { draftId, seq: seq as number, committedAt, update: new Uint8Array(payload.subarray(end + 1)) };
  } catch {
    return null;
  }
}
