import type { Ref } from 'react';

/**
 * A polite live region for confirmations ("Draft archived."). It stays in the page even when empty,
 * because screen readers only announce changes to a live region that already exists. It can take
 * focus (via `ref`) when the control that caused the change has left the page.
 */
export function Notice({ text, ref }: { text: string | null; ref?: Ref<HTMLDivElement> }) {
  return (
    <div ref={ref} role="status" tabIndex={-1} className={text ? 'message message-success' : 'message-empty'}>
      {text}
    </div>
  );
}
