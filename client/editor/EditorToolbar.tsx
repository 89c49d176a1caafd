import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { bracketDelegation } from '../negotiation/index.js';
import { useSession } from '../session/index.js';
import { selectionHasBracket } from './bracketMark.js';
import { LinkForm } from './LinkForm.js';
import { ToolbarIcon, type ToolbarIconName } from './ToolbarIcon.js';
import '../styles/tools.css';

const NO_LISTS_WHILE_PROPOSING = 'Lists cannot be proposed in amendments mode';

interface ToolbarButton {
  name: ToolbarIconName;
  label: string;
  /** The tooltip, when it says more than the label. @default the label and its keys */
  title?: string;
  /** Shown in the tooltip and announced as aria-keyshortcuts; none when the button has no shortcut. */
  keys?: string;
  active?: boolean;
  /** Shows its label in words beside the icon (where a pictogram alone would not say what it does). */
  worded?: boolean;
  /** Ends a group of buttons (a little space after it). */
  groupEnd?: boolean;
  disabled?: boolean;
  run: () => void;
}

/**
 * Bold, italic, lists, link, brackets, undo and redo for one clause body. One tab stop (arrow keys move
 * along the buttons, as in a desktop toolbar); buttons do not take focus on click, so the selection stays.
 * Buttons that cannot act now are aria-disabled, not disabled: they stay reachable with the arrows (a
 * keyboard user hears them and why), and the toolbar's one tab stop can never land on an unfocusable one.
 * The bracket buttons say what they do in words: their pictograms ([ ] and [x]) read as text, not tools.
 * "Bracket" is for delegates (the bracket is their delegation's; the server sets it from the session
 * anyway); "Lift brackets" for everyone who edits, as an ordinary undoable change.
 * While `proposing` (a delegate in amendments mode) the list buttons cannot act: a list would change the
 * paragraphs of accepted text, which a proposal cannot.
 */
export function EditorToolbar({ editor, label, proposing = false }: { editor: Editor; label: string; proposing?: boolean }) {
  const { me } = useSession();
  const bracketFor = bracketDelegation(me);
  const [linkFormOpen, setLinkFormOpen] = useState(false);
  const [current, setCurrent] = useState(0);
  const bar = useRef<HTMLDivElement>(null);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      link: e.isActive('link'),
      selection: !e.state.selection.empty,
      bracketed: selectionHasBracket(e.state),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });

  useEffect(() => {
    const dom = editor.view.dom;
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setLinkFormOpen(true);
      }
    };
    dom.addEventListener('keydown', onKeyDown);
    return () => dom.removeEventListener('keydown', onKeyDown);
  }, [editor]);

  const buttons: ToolbarButton[] = [
    { name: 'bold', label: 'Bold', keys: 'Control+B', active: state.bold, run: () => editor.chain().focus().toggleBold().run() },
    { name: 'italic', label: 'Italic', keys: 'Control+I', active: state.italic, run: () => editor.chain().focus().toggleItalic().run() },
    {
      name: 'bulletList',
      label: 'Bulleted list',
      keys: 'Control+Shift+8',
      active: state.bulletList,
      ...(proposing ? { disabled: true, title: NO_LISTS_WHILE_PROPOSING } : {}),
      run: () => editor.chain().focus().toggleBulletList().run(),
    },
    {
      name: 'orderedList',
      label: 'Numbered list',
      keys: 'Control+Shift+7',
      active: state.orderedList,
      ...(proposing ? { disabled: true, title: NO_LISTS_WHILE_PROPOSING } : {}),
      run: () => editor.chain().focus().toggleOrderedList().run(),
    },
    { name: 'link', label: state.link ? 'Edit link' : 'Add link', keys: 'Control+K', active: state.link, run: () => setLinkFormOpen(true) },
    ...(bracketFor
      ? [
          {
            name: 'bracket',
            label: 'Bracket',
            worded: true,
            title: `Bracket the selected text for ${bracketFor.name}`,
            disabled: !state.selection,
            run: () => editor.chain().focus().setBracket(bracketFor.id).run(),
          } satisfies ToolbarButton,
        ]
      : []),
    {
      name: 'liftBrackets',
      label: 'Lift brackets',
      worded: true,
      disabled: !state.bracketed,
      groupEnd: true,
      run: () => editor.chain().focus().liftBrackets().run(),
    },
    {
      name: 'undo',
      label: 'Undo my last change',
      keys: 'Control+Z',
      disabled: !state.canUndo,
      run: () => editor.chain().focus().undo().run(),
    },
    { name: 'redo', label: 'Redo', keys: 'Control+Shift+Z', disabled: !state.canRedo, run: () => editor.chain().focus().redo().run() },
  ];

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const jump = event.key === 'Home' ? 0 : event.key === 'End' ? buttons.length - 1 : null;
    if (!step && jump === null) return;
    event.preventDefault();
    const next = jump ?? (current + step + buttons.length) % buttons.length;
    setCurrent(next);
    bar.current?.querySelectorAll<HTMLButtonElement>('button')[next]?.focus();
  }

  return (
    <>
      <div className="editor-toolbar" role="toolbar" aria-label={`Formatting of ${label.split(',')[0]}`} ref={bar} onKeyDown={onKeyDown}>
        {buttons.map((button, index) => (
          <button
            key={button.name}
            type="button"
            className={`toolbar-button${button.worded ? ' toolbar-button-worded' : ''}${button.groupEnd ? ' toolbar-button-group-end' : ''}`}
            aria-label={button.label}
            aria-pressed={button.active === undefined ? undefined : button.active}
            aria-keyshortcuts={button.keys}
            title={button.title ?? (button.keys ? `${button.label} (${button.keys.replace('Control', 'Ctrl')})` : button.label)}
            tabIndex={index === current ? 0 : -1}
            aria-disabled={button.disabled || undefined}
            onMouseDown={(event) => event.preventDefault()}
            onFocus={() => setCurrent(index)}
            onClick={button.disabled ? undefined : button.run}
          >
            <ToolbarIcon name={button.name} />
            {button.worded ? <span className="toolbar-button-label">{button.label}</span> : null}
          </button>
        ))}
      </div>
      {linkFormOpen ? <LinkForm editor={editor} onClose={() => setLinkFormOpen(false)} /> : null}
    </>
  );
}
