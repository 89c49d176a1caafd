import { useEffect, useState } from 'react';
import type { ConnectionDescription } from '../common/collab/describeConnection.js';

/** How long a save status must hold before screen readers hear it, so typing does not cause chatter. @default 1500 ms */
export const ANNOUNCE_SETTLE_MS = 1500;

/**
 * The save indicator ("Saving…", "All changes saved", "Offline: changes kept in this browser"). It is
 * a live region: connection problems are announced at once, the saving/saved alternation only once it
 * has settled.
 */
export function SaveStatus({ description }: { description: ConnectionDescription }) {
  const [announced, setAnnounced] = useState('');
  const urgent = description.tone === 'offline' || description.tone === 'refused';
  useEffect(() => {
    if (urgent) {
      setAnnounced(description.label);
      return;
    }
    const timer = setTimeout(() => setAnnounced(description.label), ANNOUNCE_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [description.label, urgent]);

  return (
    <div className={`save-status save-status-${description.tone}`} data-testid="save-status">
      <span className="save-status-dot" aria-hidden="true" />
      <span className="save-status-label" aria-hidden="true">
        {description.label}
      </span>
      {description.detail && description.tone !== 'refused' ? (
        <span className="save-status-detail" aria-hidden="true">
          {description.detail}
        </span>
      ) : null}
      <span className="visually-hidden" role="status">
        {announced}
      </span>
    </div>
  );
}
