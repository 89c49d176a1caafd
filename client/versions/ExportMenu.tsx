import { EXPORT_FORMAT_LABELS, EXPORT_FORMATS } from '../../shared/export/exportFormats.js';
import { useDisclosureMenu } from '../common/components/useDisclosureMenu.js';
import { versionExportUrl } from './exportLinks.js';

export interface ExportMenuProps {
  draftId: string;
  versionId: string;
  /** Completes the toggle's accessible name: "Export Rev.1". */
  name: string;
  /** A filled button (published revisions) rather than a quiet one. @default false */
  prominent?: boolean;
}

/**
 * "Export" on a version: a small disclosure listing every export format as a plain download link (the
 * server names the file and sends it as an attachment). Escape or a click elsewhere closes it.
 */
export function ExportMenu({ draftId, versionId, name, prominent = false }: ExportMenuProps) {
  const { open, setOpen, panelId, root, toggle, onKeyDown } = useDisclosureMenu();

  return (
    <div className="export-menu" ref={root} onKeyDown={onKeyDown}>
      <button
        ref={toggle}
        type="button"
        className={prominent ? 'button button-small' : 'button button-small button-secondary'}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <span>
          Export<span className="visually-hidden"> {name}</span>
        </span>
        <span className="menu-caret" aria-hidden="true" />
      </button>
      <ul className="export-menu-panel" id={panelId} hidden={!open} aria-label={`Export ${name} as`}>
        {EXPORT_FORMATS.map((format) => (
          <li key={format}>
            <a href={versionExportUrl(draftId, versionId, format)} download onClick={() => setOpen(false)}>
              {EXPORT_FORMAT_LABELS[format]}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
