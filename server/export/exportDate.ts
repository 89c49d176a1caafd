/** English month names: exports print dates the same way whatever the server's locale and time zone. */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "1 March 2025" (UTC) from an ISO 8601 date, as a revision is dated. */
export function formatLongDate(iso: string): string {
  const date = new Date(iso);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "14:05 UTC" from an ISO 8601 date; unpublished versions of one day differ by their time. */
export function formatUtcTime(iso: string): string {
  const date = new Date(iso);
  return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

/** "2025-03-01" (UTC), for machine-readable dates (Akoma Ntoso FRBRdate, file names). */
export function isoDay(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
