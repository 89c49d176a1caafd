import { useState } from 'react';
import { useDisclosureMenu } from '../common/components/useDisclosureMenu.js';
import { ShortcutsDialog } from './ShortcutsDialog.js';
import { useShortcutSheetKey } from './useShortcutSheetKey.js';
import '../styles/tools.css';

/**
 * "Help": a small disclosure menu; for now it holds the keyboard shortcut sheet, which "?" pressed
 * outside any text also opens. Opening the sheet closes the menu and puts focus on "Help" first, so
 * closing the sheet returns focus there (the menu item is hidden by then).
 */
export function HelpMenu() {
  const [sheetOpen, setSheetOpen] = useState(false);
  const { open, setOpen, panelId, root, toggle, onKeyDown } = useDisclosureMenu((panel) =>
    panel.querySelector<HTMLButtonElement>('.help-menu-panel button')?.focus(),
  );
  useShortcutSheetKey(() => setSheetOpen(true));

  function showSheet() {
    setOpen(false);
    toggle.current?.focus();
    setSheetOpen(true);
  }

  return (
    <>
      <div className="help-menu" ref={root} onKeyDown={onKeyDown}>
        <button
          ref={toggle}
          type="button"
          className="button button-small button-secondary help-menu-toggle"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((value) => !value)}
        >
          Help
          <span className="help-menu-caret" aria-hidden="true" />
        </button>
        <div className="help-menu-panel" id={panelId} hidden={!open}>
          <button type="button" className="help-menu-item" aria-keyshortcuts="?" onClick={showSheet}>
            Keyboard shortcuts
          </button>
          <p className="help-menu-hint">
            Or press <kbd>?</kbd> outside a text.
          </p>
        </div>
      </div>
      <ShortcutsDialog open={sheetOpen} onClose={() => setSheetOpen(false)} />
    </>
  );
}
