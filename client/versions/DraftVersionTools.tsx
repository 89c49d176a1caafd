import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { openDraftEventStream } from '../common/api/draftEventStream.js';
import { useDraftArchived } from '../common/draft/draftArchived.js';
import { versionPaths } from '../common/draft/versionPaths.js';
import { useSession } from '../session/index.js';
import { SaveVersionButton } from './SaveVersionButton.js';
import { versionName } from './versionName.js';
import { maySaveVersions } from './versionPermissions.js';
import '../styles/versions.css';

/** How long a notice about versions stays on screen. @default 10 s */
const NOTICE_MS = 10_000;

/**
 * The draft page's way into versions: a History link for everyone and, for delegates and the
 * secretariat, "Save version…" with a confirmation (not on an archived draft). When the secretariat
 * restores a version, everyone with the draft open is told who did it, since their text just changed under
 * them. Notices show over the page for a while (they never move the buttons) and are announced politely.
 */
export function DraftVersionTools({ draftId }: { draftId: string }) {
  const { me } = useSession();
  const [message, setMessage] = useState<string | null>(null);
  const archived = useDraftArchived();

  useEffect(
    () =>
      openDraftEventStream(draftId, {
        onOpen: () => undefined,
        onEvent: (event) => {
          if (event.type !== 'version.restored') return;
          const who = event.by.id === me?.id ? 'You' : event.by.name;
          setMessage(`${who} restored ${versionName(event.version)}. The text before is saved as “${event.backup.label}”.`);
        },
      }),
    [draftId, me?.id],
  );

  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [message]);

  return (
    <>
      <Link className="button button-small button-secondary" to={versionPaths.history(draftId)}>
        History
      </Link>
      {maySaveVersions(me) && !archived ? (
        <SaveVersionButton draftId={draftId} onSaved={(version) => setMessage(`Version “${version.label}” saved.`)} />
      ) : null}
      <p className={message ? 'draft-version-message' : 'visually-hidden'} role="status">
        {message}
      </p>
    </>
  );
}
