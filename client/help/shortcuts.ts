/**
 * Every keyboard shortcut of the app, grouped by where it works, in one place so the shortcut sheet
 * (ShortcutsDialog) lists them and test/unit/client/shortcuts.test.ts checks them against the code: every
 * key combination the client announces (aria-keyshortcuts, toolbar keys) must be here, and the clause
 * text's keys and typing rules must really do what this says in a clause editor.
 *
 * Keys use aria-keyshortcuts' names ("Control+Shift+Z", "ArrowUp"); keyWords turns them into words.
 */
export interface Shortcut {
  /** Key combinations, any one of which does it. */
  keys?: readonly string[];
  /** Or characters typed into a clause text that turn into something else, e.g. "[text]". */
  typed?: readonly string[];
  /** What it does, in words. */
  action: string;
}

export interface ShortcutGroup {
  id: string;
  title: string;
  /** Where these keys work. */
  where: string;
  shortcuts: readonly Shortcut[];
}

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    id: 'page',
    title: 'Draft page',
    where: 'Anywhere on the draft page, outside a text or field.',
    shortcuts: [
      { keys: ['?'], action: 'Show this list of keyboard shortcuts.' },
      { keys: ['Control+Z'], action: 'Undo your last add, move or delete of a clause.' },
      { keys: ['Control+Shift+Z', 'Control+Y'], action: 'Redo the clause change you undid.' },
    ],
  },
  {
    id: 'clause',
    title: 'Clauses',
    where: 'With focus anywhere in a clause you can edit.',
    shortcuts: [
      { keys: ['Alt+Shift+ArrowUp'], action: 'Move the clause up.' },
      { keys: ['Alt+Shift+ArrowDown'], action: 'Move the clause down.' },
    ],
  },
  {
    id: 'text',
    title: 'Clause text',
    where: 'While editing the text of a clause.',
    shortcuts: [
      { keys: ['Control+B'], action: 'Bold on or off.' },
      { keys: ['Control+I'], action: 'Italic on or off.' },
      { keys: ['Control+Shift+8'], action: 'Bulleted list on or off.' },
      { keys: ['Control+Shift+7'], action: 'Numbered list on or off.' },
      { keys: ['Tab'], action: 'In a list: move the item one level in.' },
      { keys: ['Shift+Tab'], action: 'In a list: move the item one level out.' },
      { keys: ['Control+K'], action: 'Add a link to the selected text, or edit the link at the caret.' },
      { keys: ['Control+Alt+M'], action: 'Comment on the selected passage.' },
      { keys: ['Control+Z'], action: 'Undo your own last change to this text (never a colleague’s).' },
      { keys: ['Control+Shift+Z', 'Control+Y'], action: 'Redo your change to this text.' },
    ],
  },
  {
    id: 'typing',
    title: 'Typing in a clause text',
    where: 'Typed into the text of a clause; Backspace straight after puts back what you typed.',
    shortcuts: [
      { typed: ['[text]'], action: 'Delegates: bracket the text for your delegation (the square brackets are not kept).' },
      { typed: ['**text**', '__text__'], action: 'Bold text.' },
      { typed: ['*text*', '_text_'], action: 'Italic text.' },
      { typed: ['- ', '* ', '+ '], action: 'At the start of a paragraph: begin a bulleted list.' },
      { typed: ['1. '], action: 'At the start of a paragraph: begin a numbered list (from that number).' },
      {
        typed: ['https://example.org '],
        action: 'A web address starting with https:// or http:// becomes a link when you type a space after it.',
      },
    ],
  },
  {
    id: 'toolbar',
    title: 'Formatting toolbar',
    where: 'With focus on a button of a clause’s formatting toolbar.',
    shortcuts: [
      { keys: ['ArrowLeft', 'ArrowRight'], action: 'Go to the previous or next button.' },
      { keys: ['Home', 'End'], action: 'Go to the first or last button.' },
    ],
  },
  {
    id: 'heading',
    title: 'Clause headings',
    where: 'In a heading field.',
    shortcuts: [
      { keys: ['Control+Z'], action: 'Undo your own last change to the heading.' },
      { keys: ['Control+Shift+Z', 'Control+Y'], action: 'Redo it.' },
    ],
  },
  {
    id: 'find',
    title: 'Find in this draft',
    where: 'In the Find field.',
    shortcuts: [
      { keys: ['Enter'], action: 'Go to the next match.' },
      { keys: ['Shift+Enter'], action: 'Go to the previous match.' },
      { keys: ['Escape'], action: 'Close Find.' },
    ],
  },
  {
    id: 'comments',
    title: 'Comments',
    where: 'In the comments panel.',
    shortcuts: [
      { keys: ['Control+Enter'], action: 'Send the comment or reply you are writing.' },
      { keys: ['Escape'], action: 'Cancel the reply or edit you are writing; otherwise close the comments panel.' },
    ],
  },
  {
    id: 'general',
    title: 'Menus, dialogs and notices',
    where: 'Wherever they are open.',
    shortcuts: [
      { keys: ['Escape'], action: 'Close the open menu (Add…, Export, Help) and return to its button.' },
      { keys: ['Escape'], action: 'Close the open dialog, this one included.' },
      { keys: ['Enter'], action: 'In the link form: apply the address. Escape cancels.' },
      { keys: ['Escape'], action: 'Dismiss the “Clause deleted” notice while it has focus.' },
      { keys: ['Escape'], action: 'Cancel renaming a draft (Drafts list) or editing a member (Members).' },
      { keys: ['Escape'], action: 'Hide a reservation’s text (Positions).' },
    ],
  },
];

/** Said once under the list: every handler accepts the Mac's Command key where it accepts Ctrl. */
export const MAC_NOTE = 'On a Mac, press ⌘ Command where this list says Ctrl, and Option for Alt.';
