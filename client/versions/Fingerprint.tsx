import { useState } from 'react';

/** Hex characters of a fingerprint shown in lists; enough to tell revisions apart and to read out. */
export const SHORT_FINGERPRINT_LENGTH = 12;

/**
 * A published revision's fingerprint (sha256 of its canonical text, revision number and date included, so
 * final only once published: it is shown for revisions only): the first 12 hex characters, the full value
 * on hover and through Copy. Where the clipboard is not available (plain-HTTP deployments), Copy shows the
 * full value, selected, to copy by hand.
 */
export function Fingerprint({ value }: { value: string }) {
  const [state, setState] = useState<'short' | 'copied' | 'full'>('short');

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('full');
    }
  }

  return (
    <span className="fingerprint">
      <span className="fingerprint-label">Fingerprint</span>{' '}
      {state === 'full' ? (
        <input
          className="fingerprint-full"
          readOnly
          value={value}
          aria-label="Full fingerprint (sha256)"
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
        />
      ) : (
        <code title={`sha256 ${value}`}>{value.slice(0, SHORT_FINGERPRINT_LENGTH)}</code>
      )}{' '}
      <button type="button" className="link-button" onClick={() => void copy()}>
        Copy<span className="visually-hidden"> the full fingerprint</span>
      </button>
      <span className="visually-hidden" role="status">
        {state === 'copied' ? 'Full fingerprint copied.' : ''}
      </span>
      {state === 'copied' ? (
        <span className="fingerprint-copied" aria-hidden="true">
          Copied
        </span>
      ) : null}
    </span>
  );
}
