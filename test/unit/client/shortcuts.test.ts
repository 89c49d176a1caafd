import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Editor } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { keyWords } from '../../../client/help/keyWords.js';
import { SHORTCUT_GROUPS } from '../../../client/help/shortcuts.js';
import { BRACKET_MARK } from '../../../shared/doc/schema.js';
import { headlessClauseEditor, paragraph } from '../../helpers/headlessClauseEditor.js';

const CLIENT = path.resolve(import.meta.dirname, '../../../client');
const LISTED = new Set(SHORTCUT_GROUPS.flatMap((group) => group.shortcuts.flatMap((shortcut) => shortcut.keys ?? [])));
const group = (id: string) => SHORTCUT_GROUPS.find((g) => g.id === id)!;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) && !full.includes(`${path.sep}help${path.sep}`) ? [full] : [];
  });
}

/** Key combinations the client's code names: aria-keyshortcuts values and toolbar keys ("Control+B"). */
function keysNamedInCode(): Set<string> {
  const found = new Set<string>();
  for (const file of sources(CLIENT)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/['"`]((?:Control|Alt|Shift|Meta)\+[A-Za-z0-9+]+)['"`]/g)) found.add(m[1]!);
    for (const m of text.matchAll(/aria-keyshortcuts="([^"]+)"/g)) found.add(m[1]!);
  }
  return found;
}

/** What typing each example of the "Typing in a clause text" group must produce in a delegate's editor. */
const TYPED_EFFECTS: Record<string, (editor: Editor) => boolean> = {
  '[text]': (e) => e.state.doc.textContent === 'text' && e.state.doc.rangeHasMark(1, 5, e.schema.marks[BRACKET_MARK]!),
  '**text**': (e) => e.state.doc.textContent === 'text' && e.state.doc.rangeHasMark(1, 5, e.schema.marks.bold!),
  __text__: (e) => e.state.doc.textContent === 'text' && e.state.doc.rangeHasMark(1, 5, e.schema.marks.bold!),
  '*text*': (e) => e.state.doc.textContent === 'text' && e.state.doc.rangeHasMark(1, 5, e.schema.marks.italic!),
  _text_: (e) => e.state.doc.textContent === 'text' && e.state.doc.rangeHasMark(1, 5, e.schema.marks.italic!),
  '- ': (e) => e.state.doc.firstChild?.type.name === 'bulletList',
  '* ': (e) => e.state.doc.firstChild?.type.name === 'bulletList',
  '+ ': (e) => e.state.doc.firstChild?.type.name === 'bulletList',
  '1. ': (e) => e.state.doc.firstChild?.type.name === 'orderedList',
  'https://example.org ': (e) => e.state.doc.rangeHasMark(1, 20, e.schema.marks.link!),
};

describe('the keyboard shortcut sheet, against the code', () => {
  it('lists every key combination the client names (aria-keyshortcuts, toolbar keys)', () => {
    const named = keysNamedInCode();
    expect(named.size).toBeGreaterThan(5);
    expect([...named].filter((keys) => !LISTED.has(keys))).toEqual([]);
  });

  it('lists for clause text only keys the clause editor binds, or that the page handles on it and names (Ctrl+K, Ctrl+Alt+M)', () => {
    const { boundKeys } = headlessClauseEditor(paragraph(''));
    const bound = boundKeys();
    const named = keysNamedInCode();
    const textKeys = group('text').shortcuts.flatMap((shortcut) => shortcut.keys ?? []);
    expect(textKeys.filter((keys) => !bound.has(keys) && !named.has(keys))).toEqual([]);
  });

  it('says the truth about Ctrl+B and Ctrl+Shift+8 in a clause editor', () => {
    const { editor, press } = headlessClauseEditor(paragraph('risk'));
    editor.commands.setTextSelection({ from: 1, to: 5 });
    expect(press('Control+B')).toBe(true);
    expect(editor.state.doc.rangeHasMark(1, 5, editor.schema.marks.bold!)).toBe(true);
    expect(press('Control+Shift+8')).toBe(true);
    expect(editor.state.doc.firstChild?.type.name).toBe('bulletList');
  });

  it('says the truth about every typing shortcut', () => {
    const typed = group('typing').shortcuts.flatMap((shortcut) => shortcut.typed ?? []);
    expect(typed.filter((text) => !(text in TYPED_EFFECTS))).toEqual([]);
    for (const text of typed) {
      const { editor, type } = headlessClauseEditor(paragraph(''), { bracketFor: 'dlg-us' });
      type(text);
      expect(TYPED_EFFECTS[text]!(editor), `typing "${text}"`).toBe(true);
    }
  });

  it('names keys in words', () => {
    expect(keyWords('Control+Shift+Z')).toEqual(['Ctrl', 'Shift', 'Z']);
    expect(keyWords('Alt+Shift+ArrowUp')).toEqual(['Alt', 'Shift', 'Up arrow']);
    expect(keyWords('?')).toEqual(['?']);
    expect(keyWords('Escape')).toEqual(['Escape']);
  });
});
