import { describe, expect, it } from 'vitest';
import { BRACKET_MARK } from '../../../shared/doc/schema.js';
import { headlessClauseEditor, paragraph } from '../../helpers/headlessClauseEditor.js';

/** The paragraph's text runs as "text" or "[text|delegation]" for bracketed runs. */
function runs(editor: ReturnType<typeof headlessClauseEditor>['editor']): string[] {
  const out: string[] = [];
  editor.state.doc.descendants((node) => {
    if (!node.isText) return true;
    const bracket = node.marks.find((mark) => mark.type.name === BRACKET_MARK);
    out.push(bracket ? `[${node.text}|${bracket.attrs.delegation}]` : node.text!);
    return false;
  });
  return out;
}

describe('typed square brackets in a delegate’s clause editor', () => {
  it('turn "[" text "]" into a bracket of the typist’s delegation, the typed brackets gone', () => {
    const { editor, type } = headlessClauseEditor(paragraph('States will '), { bracketFor: 'dlg-us' });
    type('[take into account] the risk.');
    expect(runs(editor)).toEqual(['States will ', '[take into account|dlg-us]', ' the risk.']);
    expect(editor.state.doc.textContent).toBe('States will take into account the risk.');
  });

  it('make the same mark and attributes as the toolbar’s Bracket command', () => {
    const typed = headlessClauseEditor(paragraph('a '), { bracketFor: 'dlg-us' });
    typed.type('[risk]');
    const clicked = headlessClauseEditor(paragraph('a risk'), { bracketFor: 'dlg-us' });
    clicked.editor.chain().setTextSelection({ from: 3, to: 7 }).setBracket('dlg-us').run();
    expect(typed.editor.getJSON()).toEqual(clicked.editor.getJSON());
  });

  it('do not extend the bracket when typing goes on after it', () => {
    const { editor, type } = headlessClauseEditor(paragraph(''), { bracketFor: 'dlg-dk' });
    type('[shall]x');
    expect(runs(editor)).toEqual(['[shall|dlg-dk]', 'x']);
  });

  it('do not nest: a pair typed around a bracket takes it in; blank or unopened brackets stay as typed', () => {
    const { editor, type } = headlessClauseEditor(paragraph(''), { bracketFor: 'dlg-us' });
    type('a [b [c]');
    expect(runs(editor)).toEqual(['a [b ', '[c|dlg-us]']);
    type(' d] e [ ] f]');
    expect(runs(editor)).toEqual(['a ', '[b c d|dlg-us]', ' e [ ] f]']);
  });

  it('give the characters back on Backspace straight after', () => {
    const { editor, type } = headlessClauseEditor(paragraph('x '), { bracketFor: 'dlg-us' });
    type('[risk]');
    expect(editor.commands.undoInputRule()).toBe(true);
    expect(runs(editor)).toEqual(['x [risk]']);
  });

  it('stay characters for the secretariat and reviewers (no delegation to bracket for)', () => {
    const { editor, type } = headlessClauseEditor(paragraph(''), { bracketFor: null });
    type('[risk] and [scope]');
    expect(runs(editor)).toEqual(['[risk] and [scope]']);
  });
});
