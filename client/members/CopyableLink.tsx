import { useId, useRef, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'manual';

/**
 * A read-only link with a Copy button. Where the clipboard is not available (plain-HTTP deployments),
 * the link is selected instead and the person is told to copy it with the keyboard.
 */
export function CopyableLink({ label, url }: { label: string; url: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<CopyState>('idle');

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setState('copied');
    } catch {
      input.current?.focus();
      input.current?.select();
      setState('manual');
    }
  }

  return (
    <div className="field copyable-link">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="copyable-link-row">
        <input
          id={id}
          ref={input}
          className="input input-mono"
          readOnly
          value={url}
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
        />
        <button type="button" className="button" onClick={() => void copy()}>
          Copy link
        </button>
      </div>
      <p className="field-hint copy-status" role="status">
        {state === 'copied' ? 'Copied to the clipboard.' : null}
        {state === 'manual' ? 'The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.' : null}
      </p>
    </div>
  );
}
