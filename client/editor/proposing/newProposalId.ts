import { newClauseId } from '../../../shared/doc/newClauseId.js';

/**
 * A fresh proposal id: 16 URL-safe characters, 96 random bits (Web Crypto), the shape shared/ids.ts
 * isId checks and the server requires. Random rather than counted, so two people proposing at the same
 * moment, offline or not, never pick the same id; the chance of two equal ids in a draft is negligible.
 * Clause ids have exactly this shape and randomness, so their generator serves.
 */
export function newProposalId(): string {
  return newClauseId();
}
