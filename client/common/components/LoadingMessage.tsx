/** A quiet, announced "loading" line shown while a page waits for the server. */
export function LoadingMessage({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}
