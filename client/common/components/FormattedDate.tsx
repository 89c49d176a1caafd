const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
const DATE_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A date from the API (ISO 8601) as "5 January 2026", machine-readable in the time element. */
export function FormattedDate({ iso, withTime = false }: { iso: string; /** @default false */ withTime?: boolean }) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span>—</span>;
  return <time dateTime={iso}>{(withTime ? DATE_TIME : DATE).format(date)}</time>;
}
