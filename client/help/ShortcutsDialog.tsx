import { Fragment, useId } from 'react';
import { Dialog } from '../common/components/Dialog.js';
import { keyWords } from './keyWords.js';
import { MAC_NOTE, SHORTCUT_GROUPS, type Shortcut } from './shortcuts.js';
import '../styles/tools.css';

/**
 * The keyboard shortcut sheet: every shortcut of the app (help/shortcuts.ts), grouped by where it works,
 * in words. The list scrolls on its own (and takes keyboard focus for that), so Close stays in view.
 */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const listId = useId();
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose}>
      <div className="shortcuts-sheet" tabIndex={0} role="region" aria-label="All keyboard shortcuts">
        {SHORTCUT_GROUPS.map((group) => (
          <section key={group.id} className="shortcuts-group" aria-labelledby={`${listId}-${group.id}`}>
            <h3 id={`${listId}-${group.id}`} className="shortcuts-group-title">
              {group.title}
            </h3>
            <p className="shortcuts-where">{group.where}</p>
            <dl className="shortcuts-list">
              {group.shortcuts.map((shortcut, index) => (
                <div className="shortcuts-row" key={index}>
                  <dt className="shortcuts-keys">
                    <Keys shortcut={shortcut} />
                  </dt>
                  <dd className="shortcuts-action">{shortcut.action}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <p className="shortcuts-note">{MAC_NOTE}</p>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose} ref={markAutofocus}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

/**
 * Gives Close the HTML autofocus attribute, which the browser honours when the dialog opens (showModal).
 * React's autoFocus would focus it before the dialog is shown, and the browser would then put focus on
 * the first focusable element instead: the scrolling list.
 */
function markAutofocus(button: HTMLButtonElement | null): void {
  button?.setAttribute('autofocus', '');
}

/** "Ctrl + Shift + Z or Ctrl + Y", each key a <kbd>; typed text as code, a final space said in words. */
function Keys({ shortcut }: { shortcut: Shortcut }) {
  const choices =
    shortcut.keys?.map((combination) =>
      keyWords(combination).map((key, index) => (
        <Fragment key={index}>
          {index > 0 ? ' + ' : null}
          <kbd>{key}</kbd>
        </Fragment>
      )),
    ) ??
    shortcut.typed?.map((text) =>
      text.endsWith(' ') ? (
        <>
          <code>{text.trimEnd()}</code> then <kbd>Space</kbd>
        </>
      ) : (
        <code>{text}</code>
      ),
    ) ??
    [];
  return (
    <>
      {choices.map((choice, index) => (
        <Fragment key={index}>
          {index > 0 ? <span className="shortcuts-or"> or </span> : null}
          <span className="shortcuts-choice">{choice}</span>
        </Fragment>
      ))}
    </>
  );
}
