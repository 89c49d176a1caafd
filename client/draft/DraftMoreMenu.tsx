import { useState } from 'react';
import { Link } from 'react-router';
import { EXPORT_FORMAT_LABELS, EXPORT_FORMATS } from '../../shared/export/exportFormats.js';
import { useDisclosureMenu } from '../common/components/useDisclosureMenu.js';
import { mayReadAudit, negotiationPaths } from '../negotiation/index.js';
import { useSession } from '../session/index.js';
import { liveDraftExportUrl } from '../versions/index.js';
import { ParticipantsDialog } from './ParticipantsDialog.js';

/**
 * The draft's less frequent actions behind one "More" button: the positions matrix, the audit log and the
 * choice of participants (the secretariat) and the live text exported as a working text in every format. A
 * disclosure of links: Tab moves through them, Escape or a click elsewhere closes it. The participants
 * dialog hands focus back to the "More" button when it closes, as the menu is closed by then.
 */
export function DraftMoreMenu({ draftId }: { draftId: string }) {
  const { me } = useSession();
  const { open, setOpen, panelId, root, toggle, onKeyDown } = useDisclosureMenu((panel) =>
    panel.querySelector<HTMLAnchorElement>('.more-menu-panel a')?.focus(),
  );
  const close = () => setOpen(false);
  const [participantsOpen, setParticipantsOpen] = useState(false);
  const openParticipants = () => {
    // Focus on the toggle first: the dialog returns focus to what had it, and the menu item is hidden now.
    toggle.current?.focus();
    close();
    setParticipantsOpen(true);
  };
  return (
    <div className="more-menu" ref={root} onKeyDown={onKeyDown}>
      <button
        ref={toggle}
        type="button"
        className="button button-small button-secondary"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        More<span className="visually-hidden"> actions</span>
        <span className="menu-caret" aria-hidden="true" />
      </button>
      <div className="more-menu-panel" id={panelId} hidden={!open}>
        <ul aria-label="Negotiation">
          <li>
            <Link to={negotiationPaths.positions(draftId)} onClick={close}>
              Positions of the delegations
            </Link>
          </li>
          {mayReadAudit(me) ? (
            <li>
              <Link to={negotiationPaths.audit(draftId)} onClick={close}>
                Audit log
              </Link>
            </li>
          ) : null}
        </ul>
        {me?.role === 'secretariat' ? (
          <ul aria-label="Settings">
            <li>
              <button type="button" className="more-menu-item" onClick={openParticipants}>
                Participants…
              </button>
            </li>
          </ul>
        ) : null}
        <p className="more-menu-heading" id={`${panelId}-export`}>
          Export the text as it stands (a working text)
        </p>
        <ul aria-labelledby={`${panelId}-export`}>
          {EXPORT_FORMATS.map((format) => (
            <li key={format}>
              <a href={liveDraftExportUrl(draftId, format)} download onClick={close}>
                {EXPORT_FORMAT_LABELS[format]}
              </a>
            </li>
          ))}
        </ul>
      </div>
      {me?.role === 'secretariat' ? (
        <ParticipantsDialog draftId={draftId} open={participantsOpen} onClose={() => setParticipantsOpen(false)} />
      ) : null}
    </div>
  );
}
