import type { ApiError } from '../api/ApiError.js';

/**
 * An error, announced at once to screen readers (role=alert). Renders nothing without an error, so it
 * can stay in place and speak up when something fails.
 */
export function ErrorMessage({ error, id }: { error: ApiError | string | null; id?: string }) {
  if (!error) return null;
  return (
    <div className="message message-error" role="alert" id={id}>
      {typeof error === 'string' ? error : error.message}
    </div>
  );
}
