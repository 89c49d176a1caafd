import { describe, expect, it } from 'vitest';
import { countIntactAfterFault, encodeRecords, RECORD_HEADER_BYTES, scanRecords } from '../../../server/storage/RecordCodec.js';

const payloads = [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array(300).fill(7)];

describe('RecordCodec', () => {
  it('reads back what it encoded, with no fault', () => {
    const data = encodeRecords(payloads);
    const scan = scanRecords(data);
    expect(scan.fault).toBeNull();
    expect(scan.goodEnd).toBe(data.byteLength);
    expect(scan.payloads.map((p) => Buffer.from(p))).toEqual(payloads.map((p) => Buffer.from(p)));
  });

  it('reports a short header and a short payload at the offset of the unfinished record', () => {
    const data = encodeRecords(payloads);
    const lastStart = data.byteLength - RECORD_HEADER_BYTES - 300;
    expect(scanRecords(data.subarray(0, lastStart + 5)).fault).toEqual({ offset: lastStart, reason: 'short header' });
    expect(scanRecords(data.subarray(0, lastStart + 20)).fault).toEqual({ offset: lastStart, reason: 'short payload' });
    expect(scanRecords(data.subarray(0, lastStart + 20)).payloads).toHaveLength(2);
  });

  it('never takes a zero-filled tail for records', () => {
    const data = Buffer.concat([encodeRecords(payloads), Buffer.alloc(4096)]);
    const scan = scanRecords(data);
    expect(scan.payloads).toHaveLength(3);
    expect(scan.fault?.reason).toBe('checksum mismatch');
  });

  it('detects a flipped bit in a payload and counts the intact records after it', () => {
    const data = encodeRecords(payloads);
    data[RECORD_HEADER_BYTES + 1]! ^= 0x10;
    const scan = scanRecords(data);
    expect(scan.fault).toEqual({ offset: 0, reason: 'checksum mismatch' });
    expect(scan.payloads).toHaveLength(0);
    expect(countIntactAfterFault(data, scan.fault!)).toBe(2);
  });

  it('detects a flipped bit in a length field', () => {
    const data = encodeRecords(payloads);
    data[0] = 2;
    expect(scanRecords(data).fault?.reason).toBe('checksum mismatch');
  });
});
