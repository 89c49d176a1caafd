import { ID_LENGTH } from '../ids.js';

const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * A fresh clause id in the shape of shared/ids.ts (16 URL-safe characters, 96 random bits), so clause ids
 * can go into URLs and API paths. Uses the Web Crypto API, which browsers and Node both provide.
 */
export function newClauseId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(ID_LENGTH));
  // 64 divides 256, so masking to 6 bits keeps every character equally likely.
  let id = '';
  for (const byte of bytes) id += URL_SAFE[byte & 63];
  return id;
}
