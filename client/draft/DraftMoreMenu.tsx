import { Link } from 'react-router';
import { EXPORT_FORMAT_LABELS, EXPORT_FORMATS } from '../../shared/export/exportFormats.js';
import { useDisclosureMenu } from '../common/components/useDisclosureMenu.js';
import { mayReadAudit, negotiationPaths } from '../negotiation/index.js';
import { useSession } from '../session/index.js';
import { liveDraftExportUrl } from '../versions/index.js';

/**
 * The draft's less frequent actions behind one "More" button: the positions matrix, the audit log (the
 * secretariat) and the live text exported as a working text in every format. A disclosure of links:
 * Tab moves through them, Escape or a click elsewhere closes it.
 */
export function DraftMoreMenu({ draftId }: { draftId: string }) {
  const { me } = useSession();
  const { open, setOpen, panelId, root, toggle, onKeyDown } = useDisclosureMenu((panel) =>
    panel.querySelector<HTMLAnchorElement>('.more-menu-panel a')?.focus(),
  );
  const close = () => setOpen(false);
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
    </div>
  );
}
