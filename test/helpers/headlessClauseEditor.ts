import { Editor, getExtensionField, getSchemaTypeByName, type JSONContent } from '@tiptap/core';
import type { Transaction } from '@tiptap/pm/state';
import { Awareness } from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { clauseEditorExtensions } from '../../client/editor/clauseEditorExtensions.js';

// TipTap's keymaps ask the browser which platform they run on; in Node there is no navigator.
if (typeof navigator === 'undefined') {
  Object.defineProperty(globalThis, 'navigator', {
    value: { platform: 'Linux x86_64', userAgent: 'node', maxTouchPoints: 0 },
    configurable: true,
  });
}

export interface HeadlessClauseEditor {
  editor: Editor;
  /** Types characters one by one as the browser would: each goes through the input rules first. */
  type(text: string): void;
  /** Presses a key combination in aria-keyshortcuts syntax ("Control+B"); true when a key binding handled it. */
  press(combination: string): boolean;
  /** Every key combination the editor's own key bindings claim, normalised to aria-keyshortcuts syntax. */
  boundKeys(): Set<string>;
}

/** One paragraph holding `text`, with the caret at its end. */
export function paragraph(text: string): JSONContent {
  return { type: 'doc', content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }] };
}

const SHIFTED: Record<string, string> = { '7': '&', '8': '*' };
const KEY_CODES: Record<string, number> = { Tab: 9, Enter: 13, Escape: 27, ArrowLeft: 37, ArrowUp: 38, ArrowRight: 39, ArrowDown: 40 };

/**
 * The clause editor's real extension list (clauseEditorExtensions) in a TipTap editor without a DOM, for
 * unit tests of its input rules and key bindings. There is no view, so the Yjs binding never starts: the
 * document lives in ProseMirror only. Plugins are installed by hand, as mounting a view would.
 */
export function headlessClauseEditor(
  content: JSONContent,
  options: { bracketFor?: string | null; proposeAs?: string | null; onProposalRefused?: (reason: string) => void } = {},
): HeadlessClauseEditor {
  const doc = new Y.Doc();
  const provider = { awareness: new Awareness(doc) } as unknown as WebsocketProvider;
  const editor = new Editor({
    element: null,
    content,
    extensions: clauseEditorExtensions({
      fragment: doc.getXmlFragment('body'),
      provider,
      user: { name: 'Test', delegation: null },
      bracketFor: options.bracketFor ?? null,
      proposeAs: options.proposeAs ?? null,
      ...(options.onProposalRefused ? { onProposalRefused: options.onProposalRefused } : {}),
      clauseId: 'c1',
    }),
  });
  editor.view.updateState(editor.state.reconfigure({ plugins: editor.extensionManager.plugins }));
  // A mounted view sends every transaction through the extensions' dispatchTransaction hooks (Proposing);
  // the unmounted view dispatches straight to the editor, so the hooks are put in front of it here.
  const unmounted = editor as unknown as { dispatchTransaction: (tr: Transaction) => void };
  unmounted.dispatchTransaction = editor.extensionManager.dispatchTransaction(unmounted.dispatchTransaction.bind(editor));
  editor.commands.setTextSelection(editor.state.doc.content.size - 1);
  const plugins = () => editor.state.plugins;

  return {
    editor,
    type(text) {
      for (const character of text) {
        const { from, to } = editor.state.selection;
        const handled = plugins().some((plugin) =>
          plugin.props.handleTextInput?.call(plugin, editor.view, from, to, character, () =>
            editor.state.tr.insertText(character, from, to),
          ),
        );
        if (!handled) editor.view.dispatch(editor.state.tr.insertText(character, from, to));
      }
    },
    press(combination) {
      const parts = combination.split('+');
      const key = parts.pop()!;
      const shiftKey = parts.includes('Shift');
      const event = {
        key: key.length === 1 ? (shiftKey ? (SHIFTED[key] ?? key.toUpperCase()) : key.toLowerCase()) : key,
        keyCode: KEY_CODES[key] ?? key.toUpperCase().charCodeAt(0),
        ctrlKey: parts.includes('Control'),
        altKey: parts.includes('Alt'),
        metaKey: false,
        shiftKey,
        preventDefault() {},
      } as unknown as KeyboardEvent;
      return plugins().some((plugin) => plugin.props.handleKeyDown?.call(plugin, editor.view, event) === true);
    },
    boundKeys() {
      const keys = new Set<string>();
      for (const extension of editor.extensionManager.extensions) {
        const context = {
          name: extension.name,
          options: extension.options,
          storage: editor.extensionStorage[extension.name as never],
          editor,
          type: getSchemaTypeByName(extension.name, editor.schema),
        };
        const shortcuts = getExtensionField<(() => Record<string, unknown>) | undefined>(extension, 'addKeyboardShortcuts', context);
        for (const binding of Object.keys(shortcuts?.() ?? {})) keys.add(ariaKeys(binding));
      }
      return keys;
    },
  };
}

/** "Shift-Mod-z" → "Control+Shift+Z": ProseMirror's key names in aria-keyshortcuts' order and spelling. */
function ariaKeys(binding: string): string {
  const parts = binding.split(/-(?!$)/);
  const key = parts.pop()!;
  const modifiers = new Set(parts.map((part) => (part === 'Mod' || part === 'Ctrl' ? 'Control' : part)));
  const order = ['Control', 'Alt', 'Shift', 'Meta'].filter((modifier) => modifiers.has(modifier));
  return [...order, key.length === 1 ? key.toUpperCase() : key].join('+');
}
