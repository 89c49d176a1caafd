import { useEffect, useMemo, useState } from 'react';
import * as Y from 'yjs';
import { addClause } from '../../shared/doc/addClause.js';
import type { ClausePlacement } from '../../shared/doc/clausePlacement.js';
import { deleteClause } from '../../shared/doc/deleteClause.js';
import { moveClause } from '../../shared/doc/moveClause.js';
import { getOrder, type ClauseKind } from '../../shared/doc/schema.js';
import { LOCAL_ORIGIN } from '../common/collab/localOrigin.js';

/** Marks the undo step of a deletion with the deleted clause id, so "Undo" in the toast can find it. */
const DELETED_CLAUSE = 'deletedClause';

/** Changes to the reading order made from this page, each one undoable by this person only. */
export interface ClauseStructure {
  /** Adds a clause; returns its id. */
  add(kind: ClauseKind, placement: ClausePlacement): string;
  /** Moves a clause; false when nothing changed. */
  move(id: string, placement: ClausePlacement): boolean;
  /** Takes a clause out of the reading order (it stays in the document, see deleteClause). */
  remove(id: string): boolean;
  /**
   * Puts a deleted clause back where it was: by undoing the deletion when it is still this person's
   * latest structural change, otherwise next to the neighbour it had.
   */
  restore(id: string, placement: ClausePlacement): void;
  /** Undoes / redoes this person's latest add, move or delete. False when there was none. */
  undo(): boolean;
  redo(): boolean;
}

/**
 * Structural edits through the shared helpers, inside transactions with LOCAL_ORIGIN, and a
 * Y.UndoManager over `order` that tracks only that origin: undo takes back this person's own adds,
 * moves and deletes, never someone else's. Every action is its own undo step (no merging by time).
 */
export function useClauseStructure(doc: Y.Doc | null): ClauseStructure | null {
  const [undoManager, setUndoManager] = useState<Y.UndoManager | null>(null);

  useEffect(() => {
    if (!doc) return;
    const manager = new Y.UndoManager(getOrder(doc), { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: 0 });
    setUndoManager(manager);
    return () => {
      setUndoManager(null);
      manager.destroy();
    };
  }, [doc]);

  return useMemo(() => {
    if (!doc || !undoManager) return null;
    const local = <T>(change: () => T): T => {
      let result!: T;
      doc.transact(() => {
        result = change();
      }, LOCAL_ORIGIN);
      return result;
    };
    return {
      add: (kind, placement) => local(() => addClause(doc, { kind, ...placement })),
      move: (id, placement) => local(() => moveClause(doc, id, placement)),
      remove(id) {
        const onAdded = ({ stackItem }: { stackItem: { meta: Map<unknown, unknown> } }) => stackItem.meta.set(DELETED_CLAUSE, id);
        undoManager.on('stack-item-added', onAdded);
        try {
          return local(() => deleteClause(doc, id));
        } finally {
          undoManager.off('stack-item-added', onAdded);
        }
      },
      restore(id, placement) {
        const latest = undoManager.undoStack[undoManager.undoStack.length - 1];
        if (latest?.meta.get(DELETED_CLAUSE) === id) undoManager.undo();
        else local(() => moveClause(doc, id, placement));
      },
      undo: () => undoManager.undo() !== null,
      redo: () => undoManager.redo() !== null,
    };
  }, [doc, undoManager]);
}
