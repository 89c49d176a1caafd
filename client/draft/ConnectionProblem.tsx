import { Link } from 'react-router';
import { closeCodeText } from '../common/collab/describeConnection.js';
import { needsSignIn } from '../common/collab/needsSignIn.js';

export interface ConnectionProblemProps {
  /** The final close code the server sent. */
  code: number;
  /** Path of this page, to come back after signing in. */
  returnPath: string;
  /** True when edits made here are not on the server yet. */
  unsaved: boolean;
  onReconnect: () => void;
}

/**
 * Why the draft stopped syncing, in plain words, and what to do. When the session ended, the person
 * signs in again; if this page holds unsaved edits that happens in a new tab, and "Reconnect" then sends
 * them, because leaving this page would lose them.
 */
export function ConnectionProblem({ code, returnPath, unsaved, onReconnect }: ConnectionProblemProps) {
  const signIn = needsSignIn(code);
  const signInHref = `/sign-in?next=${encodeURIComponent(returnPath)}`;
  return (
    <div className="message message-error connection-problem" role="alert">
      <p>{closeCodeText(code)}</p>
      {unsaved ? <p>Your latest changes are only in this page. Keep it open until they are saved.</p> : null}
      <p className="connection-problem-actions">
        {signIn ? (
          unsaved ? (
            <>
              <a href={signInHref} target="_blank" rel="noopener">
                Sign in again (opens a new tab)
              </a>
              <button type="button" className="button button-small" onClick={onReconnect}>
                Reconnect
              </button>
            </>
          ) : (
            // A full page load, so the session is read afresh.
            <a href={signInHref}>Sign in again</a>
          )
        ) : (
          <Link to="/drafts">Back to all drafts</Link>
        )}
      </p>
    </div>
  );
}
