import { useEffect } from 'react';
import type { ClauseStructure } from './useClauseStructure.js';

/**
 * Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z (or Ctrl+Y) on the draft page, outside any text field, undo and redo
 * this person's latest add, move or delete of a clause. Inside a clause text or heading the keys belong to
 * that field's own undo (its text), so the two never fight.
 */
export function useStructureUndoKeys(structure: ClauseStructure | null, announce: (text: string) => void): void {
  useEffect(() => {
    if (!structure) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !(event.ctrlKey || event.metaKey) || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      const key = event.key.toLowerCase();
      const redo = (key === 'z' && event.shiftKey) || key === 'y';
      if (key !== 'z' && !redo) return;
      event.preventDefault();
      const done = redo ? structure.redo() : structure.undo();
      announce(done ? (redo ? 'Redone.' : 'Undone.') : redo ? 'Nothing to redo.' : 'Nothing to undo.');
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [structure, announce]);
}
