import { useEffect, useRef } from 'react';

/** How long the toast stays when nobody interacts with it. @default 12000 ms */
export const UNDO_TOAST_MS = 12_000;

export interface UndoToastProps {
  /** "OP3 deleted." */
  message: string;
  onUndo: () => void;
  onDismiss: () => void;
}

/**
 * "Clause deleted — Undo": shown after a deletion, announced politely, with focus on Undo so a keyboard
 * user can take it back at once. It goes away after a while, but not while hovered or focused.
 */
export function UndoToast({ message, onUndo, onDismiss }: UndoToastProps) {
  const undo = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const dismiss = useRef(onDismiss);
  dismiss.current = onDismiss;

  useEffect(() => {
    let timer = setTimeout(() => dismiss.current(), UNDO_TOAST_MS);
    const element = box.current;
    const pause = () => clearTimeout(timer);
    const resume = () => {
      clearTimeout(timer);
      timer = setTimeout(() => dismiss.current(), UNDO_TOAST_MS);
    };
    element?.addEventListener('pointerenter', pause);
    element?.addEventListener('focusin', pause);
    element?.addEventListener('pointerleave', resume);
    element?.addEventListener('focusout', resume);
    undo.current?.focus();
    return () => {
      clearTimeout(timer);
      element?.removeEventListener('pointerenter', pause);
      element?.removeEventListener('focusin', pause);
      element?.removeEventListener('pointerleave', resume);
      element?.removeEventListener('focusout', resume);
    };
  }, [message]);

  return (
    <div className="toast" ref={box} role="status" onKeyDown={(event) => event.key === 'Escape' && onDismiss()}>
      <span>{message}</span>
      <button ref={undo} type="button" className="toast-button" onClick={onUndo}>
        Undo
      </button>
      <button type="button" className="toast-close" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
