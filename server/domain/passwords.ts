import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost parameters (N=2^15, r=8, p=1: ~32 MiB and ~50 ms per hash on a laptop core). */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
export const KEY_LENGTH = 32;

export type ScryptParams = { N: number; r: number; p: number };

/** Node's scrypt options for the given cost: enough memory allowed for it. */
export function scryptOptions(params: ScryptParams): ScryptOptions {
  return { ...params, maxmem: 128 * params.N * params.r * 2 };
}

/** A stored hash, split into its parts; null when it is not one of ours (and so never matches). */
export interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

/** `scrypt$N$r$p$salt$hash` (base64url), as stored. */
export function formatHash(params: ScryptParams, salt: Buffer, key: Uint8Array): string {
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), Buffer.from(key).toString('base64url')].join('$');
}

export function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [, n, r, p, saltText, keyText] = parts as [string, string, string, string, string, string];
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (![params.N, params.r, params.p].every((v) => Number.isInteger(v) && v > 0)) return null;
  return { params, salt: Buffer.from(saltText, 'base64url'), key: Buffer.from(keyText, 'base64url') };
}

/** True when a derived key equals the stored one, compared in constant time. */
export function keysMatch(derived: Uint8Array, expected: Buffer): boolean {
  return derived.length === expected.length && timingSafeEqual(derived, expected);
}

/** A fresh random salt. */
export function newSalt(): Buffer {
  return randomBytes(16);
}

/**
 * Hashes a password on libuv's thread pool, for start-up work only (seeding the demo workspace, the
 * admin command line), when nothing else waits on that pool. Requests hash through PasswordHasher.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = newSalt();
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, scryptOptions(SCRYPT_PARAMS), (err, derived) =>
      err ? reject(err) : resolve(derived),
    ),
  );
  return formatHash(SCRYPT_PARAMS, salt, key);
}
