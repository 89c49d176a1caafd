import { useMemo, useRef, useState, type DragEvent } from 'react';
import type { ClausePlacement } from '../../shared/doc/clausePlacement.js';

/** The drag-data type of a clause being moved; other drags (text, files) are left to the editors. */
export const CLAUSE_DRAG_TYPE = 'application/x-clause-id';

/** Drag handlers a clause card wires to its handle and its own box. */
export interface ClauseDrag {
  start(event: DragEvent, id: string): void;
  over(event: DragEvent, targetId: string): void;
  drop(event: DragEvent, targetId: string): void;
  end: () => void;
}

/**
 * Moving a clause with the mouse: drag its handle onto another clause; the upper half of the target means
 * "before it", the lower half "after it". Clause drags are caught in the capture phase, so the TipTap
 * editors underneath never treat them as text being dropped.
 */
export function useClauseDrag(onMove: (id: string, placement: ClausePlacement) => void): {
  drag: ClauseDrag;
  dropTarget: { id: string; side: 'before' | 'after' } | null;
} {
  const [dropTarget, setDropTarget] = useState<{ id: string; side: 'before' | 'after' } | null>(null);
  const dragged = useRef<string | null>(null);
  const move = useRef(onMove);
  move.current = onMove;

  const drag = useMemo<ClauseDrag>(() => {
    const sideOf = (event: DragEvent): 'before' | 'after' => {
      const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
      return event.clientY < box.top + box.height / 2 ? 'before' : 'after';
    };
    const isClauseDrag = (event: DragEvent) => dragged.current !== null && event.dataTransfer.types.includes(CLAUSE_DRAG_TYPE);
    return {
      start(event, id) {
        dragged.current = id;
        event.dataTransfer.setData(CLAUSE_DRAG_TYPE, id);
        event.dataTransfer.effectAllowed = 'move';
        const card = (event.currentTarget as HTMLElement).closest('article');
        if (card) event.dataTransfer.setDragImage(card, 24, 24);
      },
      over(event, targetId) {
        if (!isClauseDrag(event)) return;
        event.preventDefault();
        event.stopPropagation();
        event.dataTransfer.dropEffect = 'move';
        const side = targetId === dragged.current ? null : sideOf(event);
        setDropTarget((current) =>
          side === null ? null : current?.id === targetId && current.side === side ? current : { id: targetId, side },
        );
      },
      drop(event, targetId) {
        if (!isClauseDrag(event)) return;
        event.preventDefault();
        event.stopPropagation();
        const id = dragged.current;
        dragged.current = null;
        setDropTarget(null);
        if (id && id !== targetId) move.current(id, sideOf(event) === 'before' ? { before: targetId } : { after: targetId });
      },
      end() {
        dragged.current = null;
        setDropTarget(null);
      },
    };
  }, []);
  return { drag, dropTarget };
}
