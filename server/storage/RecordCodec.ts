import { crc32 } from 'node:zlib';

/**
 * The on-disk record format shared by a draft's log and its snapshot (format 1):
 *
 *   u32 LE  payload length
 *   u32 LE  CRC32 of the 4 length bytes followed by the payload
 *   ...     payload (one Yjs update)
 *
 * The checksum covers the length too, so a zero-filled tail (what a file system may leave after a
 * crash) or a flipped length never passes as a record. A future format gets new file names rather
 * than a version field, so old files stay readable by the code that wrote them.
 */
export const RECORD_HEADER_BYTES = 8;

/** Why a scan stopped before the end of the data. */
export type RecordFaultReason = 'short header' | 'short payload' | 'checksum mismatch';

export interface RecordFault {
  /** Byte offset of the first record that is not whole and intact. */
  offset: number;
  reason: RecordFaultReason;
}

export interface RecordScan {
  /** Payloads of the intact records before the first fault, in order. */
  payloads: Uint8Array[];
  /** End of the last intact record: where the data should be cut back to. */
  goodEnd: number;
  /** The first fault, or null when the data is a whole number of intact records. */
  fault: RecordFault | null;
}

/** Encodes payloads as consecutive records in one buffer, so a group of appends is one write. */
export function encodeRecords(payloads: readonly Uint8Array[]): Buffer {
  const total = payloads.reduce((sum, p) => sum + RECORD_HEADER_BYTES + p.byteLength, 0);
  const out = Buffer.allocUnsafe(total);
  let offset = 0;
  for (const payload of payloads) {
    out.writeUInt32LE(payload.byteLength, offset);
    out.writeUInt32LE(checksum(out.subarray(offset, offset + 4), payload), offset + 4);
    out.set(payload, offset + RECORD_HEADER_BYTES);
    offset += RECORD_HEADER_BYTES + payload.byteLength;
  }
  return out;
}

/** Reads records from the start of `data` up to the end or the first fault. Payloads are views into `data`. */
export function scanRecords(data: Uint8Array, from = 0): RecordScan {
  const payloads: Uint8Array[] = [];
  let offset = from;
  while (offset < data.byteLength) {
    const record = readRecord(data, offset);
    if ('reason' in record) return { payloads, goodEnd: offset, fault: { offset, reason: record.reason } };
    payloads.push(record.payload);
    offset = record.end;
  }
  return { payloads, goodEnd: offset, fault: null };
}

/**
 * How many intact records follow a faulty one, skipping it by its declared length. More than zero
 * means the damage is in the middle of the data, not a torn tail left by a crash.
 */
export function countIntactAfterFault(data: Uint8Array, fault: RecordFault): number {
  if (fault.reason !== 'checksum mismatch') return 0;
  const skipTo = fault.offset + RECORD_HEADER_BYTES + view(data).getUint32(fault.offset, true);
  return scanRecords(data, skipTo).payloads.length;
}

function readRecord(data: Uint8Array, offset: number): { payload: Uint8Array; end: number } | { reason: RecordFaultReason } {
  if (data.byteLength - offset < RECORD_HEADER_BYTES) return { reason: 'short header' };
  const length = view(data).getUint32(offset, true);
  const stored = view(data).getUint32(offset + 4, true);
  const start = offset + RECORD_HEADER_BYTES;
  if (data.byteLength - start < length) return { reason: 'short payload' };
  const payload = data.subarray(start, start + length);
  if (checksum(data.subarray(offset, offset + 4), payload) !== stored) return { reason: 'checksum mismatch' };
  return { payload, end: start + length };
}

function checksum(lengthBytes: Uint8Array, payload: Uint8Array): number {
  return crc32(payload, crc32(lengthBytes));
}

function view(data: Uint8Array): DataView {
  return new DataView(data.buffer, data.byteOffset, data.byteLength);
}
