/**
 * What is still open in a clause's text when the secretariat agrees it: undecided proposals and brackets.
 * The server counts them (409 CONFIRMATION_REQUIRED carries them as `details`); the page says how many.
 */
export interface Unsettled {
  proposals: number;
  brackets: number;
}

/** Whether a value is such counts (as read from an error's details). */
export function isUnsettled(value: unknown): value is Unsettled {
  if (value === null || typeof value !== 'object') return false;
  const { proposals, brackets } = value as Partial<Unsettled>;
  return Number.isInteger(proposals) && Number.isInteger(brackets);
}

/** "2 proposals and 1 bracket", "1 proposal", "3 brackets"; "" when nothing is open. */
export function describeUnsettled({ proposals, brackets }: Unsettled): string {
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [...(proposals > 0 ? [count(proposals, 'proposal')] : []), ...(brackets > 0 ? [count(brackets, 'bracket')] : [])];
  return parts.join(' and ');
}
