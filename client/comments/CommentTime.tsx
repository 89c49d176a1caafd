const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const DAY_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const FULL = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short' });

/**
 * When a comment was written, as short as it can be and still be clear: "14:05" today, "3 Mar, 14:05" this
 * year, "3 Mar 2025" before; the full date is in the tooltip and in the machine-readable attribute.
 */
export function CommentTime({
  iso,
  prefix = '',
}: {
  iso: string;
  /** Words before the time, e.g. "edited ". @default '' */ prefix?: string;
}) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const now = new Date();
  const format = date.toDateString() === now.toDateString() ? TIME : date.getFullYear() === now.getFullYear() ? DAY_TIME : DATE;
  return (
    <time className="comment-time" dateTime={iso} title={FULL.format(date)}>
      {prefix}
      {format.format(date)}
    </time>
  );
}
