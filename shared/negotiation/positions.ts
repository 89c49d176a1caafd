/**
 * A delegation's position on a clause, recorded by that delegation's delegates only. A reservation carries
 * its text (what the delegation reserves on).
 */
export const POSITIONS = ['supports', 'can-live-with', 'reservation', 'opposes'] as const;
export type Position = (typeof POSITIONS)[number];

export const POSITION_LABELS: Record<Position, string> = {
  supports: 'Supports',
  'can-live-with': 'Can live with',
  reservation: 'Reservation',
  opposes: 'Opposes',
};

/** Characters in a reservation's text. */
export const RESERVATION_TEXT_LENGTH = 2000;
/** Characters in the note of a status change. */
export const STATUS_NOTE_LENGTH = 1000;
