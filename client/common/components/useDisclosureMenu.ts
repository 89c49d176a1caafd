import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

/**
 * State and behaviour of a small disclosure menu (a toggle button and a panel): a click outside closes
 * it, Escape closes it and returns focus to the toggle. `onOpen` runs each time it opens (e.g. to focus
 * the first item).
 */
export function useDisclosureMenu(onOpen?: (panel: HTMLDivElement) => void) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  // Read when the menu opens only: a caller's new function on every render must not re-run the effect.
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    if (root.current) onOpenRef.current?.(root.current);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      setOpen(false);
      toggle.current?.focus();
    }
  };

  return { open, setOpen, panelId, root, toggle, onKeyDown };
}
