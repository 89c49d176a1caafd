import type { DragEvent } from 'react';

/**
 * The grip to drag a clause by. Hidden from assistive technology: Move up / Move down and
 * Alt+Shift+Up/Down do the same from the keyboard.
 */
export function DragHandle({ onDragStart, onDragEnd }: { onDragStart: (event: DragEvent) => void; onDragEnd: () => void }) {
  return (
    <span
      className="drag-handle"
      draggable
      title="Drag to move (or Alt+Shift+Up/Down)"
      aria-hidden="true"
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
    >
      <svg width="12" height="20" viewBox="0 0 12 20" focusable="false">
        {[3, 10, 17].flatMap((y) => [3, 9].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y} r="1.6" />))}
      </svg>
    </span>
  );
}
