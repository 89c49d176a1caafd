import type { Editor } from '@tiptap/core';
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { isAllowedLinkHref } from './isAllowedLinkHref.js';

/**
 * Sets, changes or removes the link on the selected text (or the link around the caret). Only http,
 * https and mailto addresses are accepted; anything else is refused with a message, never stored.
 * With nothing selected, the address itself is inserted as the link text.
 */
export function LinkForm({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const existing = editor.getAttributes('link').href as unknown;
  const [href, setHref] = useState(typeof existing === 'string' ? existing : '');
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  function close() {
    onClose();
    editor.commands.focus();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = href.trim();
    if (value === '') return remove();
    if (!isAllowedLinkHref(value)) {
      setError('Use a full address starting with https://, http:// or mailto:.');
      return;
    }
    const chain = editor.chain().focus().extendMarkRange('link');
    if (editor.state.selection.empty && !editor.isActive('link')) {
      chain.insertContent({ type: 'text', text: value, marks: [{ type: 'link', attrs: { href: value } }] }).run();
    } else {
      chain.setLink({ href: value }).run();
    }
    onClose();
  }

  function remove() {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    onClose();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  }

  return (
    <form className="link-form" onSubmit={submit} onKeyDown={onKeyDown} noValidate>
      <label htmlFor={id} className="link-form-label">
        Link address
      </label>
      <input
        id={id}
        className="input link-form-input"
        inputMode="url"
        autoComplete="url"
        placeholder="https://"
        value={href}
        autoFocus
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => {
          setHref(event.target.value);
          setError(null);
        }}
      />
      <button type="submit" className="button button-small">
        Apply
      </button>
      {existing ? (
        <button type="button" className="button button-small button-secondary" onClick={remove}>
          Remove link
        </button>
      ) : null}
      <button type="button" className="button button-small button-secondary" onClick={close}>
        Cancel
      </button>
      {error ? (
        <p className="field-error link-form-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
