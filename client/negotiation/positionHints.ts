import type { Position } from '../../shared/negotiation/positions.js';

/** What each position says, for the choices of the position form. */
export const POSITION_HINTS: Record<Position, string> = {
  supports: 'The delegation supports the text as it stands.',
  'can-live-with': 'Not the delegation’s preference, but it will not stand in the way.',
  reservation: 'The delegation accepts the text subject to a reservation, stated below.',
  opposes: 'The delegation cannot accept the text.',
};
