import { describe, expect, it } from 'vitest';
import { CLOSE_CODE, CLOSE_CODE_MESSAGE, closeCodeName, isFinalCloseCode } from './closeCodes.js';

describe('close codes', () => {
  it('are distinct private-use codes, each with a name and a message for the user', () => {
    const codes = Object.values(CLOSE_CODE);
    expect(new Set(codes).size).toBe(codes.length);
    for (const [name, code] of Object.entries(CLOSE_CODE)) {
      expect(code >= 4400 && code < 4600).toBe(true);
      expect(closeCodeName(code)).toBe(name);
      expect(CLOSE_CODE_MESSAGE[name as keyof typeof CLOSE_CODE].length).toBeGreaterThan(0);
      // The name travels as the close frame's reason, which may hold at most 123 bytes.
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(123);
    }
  });

  it('are final exactly in the 4400-4499 range that y-websocket stops on', () => {
    expect(isFinalCloseCode(CLOSE_CODE.UNAUTHENTICATED)).toBe(true);
    expect(isFinalCloseCode(CLOSE_CODE.SESSION_ENDED)).toBe(true);
    expect(isFinalCloseCode(CLOSE_CODE.SHUTTING_DOWN)).toBe(false);
    expect(isFinalCloseCode(CLOSE_CODE.RATE_LIMITED)).toBe(false);
    expect(isFinalCloseCode(1006)).toBe(false);
    expect(closeCodeName(1000)).toBeNull();
  });
});
