import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type * as Y from 'yjs';
import { matchKey } from './draftMatches.js';
import { findHighlight } from './findHighlight.js';
import { clauseNameOnPage, firstMatchFromScreen, markHeading, revealMatch } from './revealMatch.js';
import { useDraftMatches } from './useDraftMatches.js';
import '../styles/tools.css';

/**
 * Find in this draft: a "Find" button that opens a search field finding text, ignoring case, in every
 * clause heading and text the page lists, far-away clauses included (it reads the Yjs document, not the
 * page). Says "3 of 12" (announced politely, with the clause), goes to the next or previous match (buttons,
 * Enter, Shift+Enter), marks it and scrolls it into view; follows everyone's typing live. Escape closes it
 * and returns focus to the button. The browser's own Ctrl+F stays as it is.
 */
export function FindInDraft({ doc }: { doc: Y.Doc }) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const { query: foundFor, matches } = useDraftMatches(doc, open ? query : '');
  const [currentKey, setCurrentKey] = useState<string | null>(null);
  const lastIndex = useRef(0);
  const jumpedFor = useRef('');
  const toggle = useRef<HTMLButtonElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const focusToggle = useRef(false);
  const fieldId = useId();
  const floating = useFloatWhenScrolledAway(open);

  // The current match by identity; when it is gone (its text changed), the one now at its place.
  let index = matches.findIndex((match) => matchKey(match) === currentKey);
  if (index < 0 && matches.length > 0) index = Math.min(lastIndex.current, matches.length - 1);
  const current = matches[index] ?? null;
  const where = useMemo(() => (current ? clauseNameOnPage(current.clauseId) : ''), [current]);

  const go = (to: number) => {
    const match = matches[to];
    if (!match) return;
    lastIndex.current = to;
    setCurrentKey(matchKey(match));
    findHighlight.reveal({ query, current: match });
    revealMatch(match);
  };
  const step = (by: 1 | -1) => {
    if (matches.length > 0) go(index < 0 ? 0 : (index + by + matches.length) % matches.length);
  };

  useEffect(() => {
    findHighlight.set({ query: open ? query : '', current: open ? current : null });
  }, [open, query, current]);

  // A new query goes to its first match from the screen down, as a browser's find does
  // (declared after the effect above, which still has the previous current match in this render).
  useEffect(() => {
    if (!open || foundFor === jumpedFor.current) return;
    jumpedFor.current = foundFor;
    if (matches.length > 0) go(firstMatchFromScreen(matches));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `go` reads the same matches; only a new query's first answer jumps
  }, [open, foundFor, matches]);
  useEffect(() => () => findHighlight.set({ query: '', current: null }), []);

  const headingClause = open && current?.field === 'heading' ? current.clauseId : null;
  useEffect(() => (headingClause ? markHeading(headingClause) : undefined), [headingClause, matches]);

  useEffect(() => {
    if (open) field.current?.select();
    else if (focusToggle.current) toggle.current?.focus();
    focusToggle.current = false;
  }, [open]);

  const close = () => {
    focusToggle.current = true;
    jumpedFor.current = '';
    setOpen(false);
  };

  function onFieldKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    event.preventDefault();
    step(event.shiftKey ? -1 : 1);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    close();
  }

  if (!open) {
    return (
      <button ref={toggle} type="button" className="button button-small button-secondary find-toggle" onClick={() => setOpen(true)}>
        Find<span className="visually-hidden"> in this draft</span>
      </button>
    );
  }

  const count = matches.length > 0 ? `${index + 1} of ${matches.length}` : foundFor.trim() !== '' ? 'No matches' : '';
  return (
    <div className="find-slot" ref={floating.slot} style={floating.size}>
      <div
        className={`find-in-draft${floating.size ? ' find-in-draft-floating' : ''}`}
        role="search"
        aria-label="Find in this draft"
        onKeyDown={onKeyDown}
      >
        <label htmlFor={fieldId} className="find-label">
          Find
        </label>
        <input
          ref={field}
          id={fieldId}
          type="search"
          className="input find-input"
          value={query}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onFieldKeyDown}
        />
        <p className="find-count" role="status" aria-atomic="true">
          <span className="find-count-text">{count}</span>
          {where && count ? <span className="visually-hidden">, {where}</span> : null}
        </p>
        <button
          type="button"
          className="button button-small button-secondary"
          aria-label="Previous match"
          title="Previous match (Shift+Enter)"
          disabled={matches.length === 0}
          onClick={() => step(-1)}
        >
          Previous
        </button>
        <button
          type="button"
          className="button button-small button-secondary"
          aria-label="Next match"
          title="Next match (Enter)"
          disabled={matches.length === 0}
          onClick={() => step(1)}
        >
          Next
        </button>
        <button
          type="button"
          className="button button-small button-secondary"
          aria-label="Close Find"
          title="Close Find (Escape)"
          onClick={close}
        >
          Close
        </button>
      </div>
    </div>
  );
}

/**
 * Keeps an open Find in sight: while its place in the action bar is scrolled off the top of the screen (a
 * match far down the draft), it floats at the top of the window; its place keeps its size, so nothing
 * jumps. Returns the place's ref and, while floating, that size.
 */
function useFloatWhenScrolledAway(open: boolean) {
  const slot = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | undefined>(undefined);
  useEffect(() => {
    const element = slot.current;
    if (!open || !element) return;
    const observer = new IntersectionObserver(([entry]) => {
      if (!entry) return;
      const above = !entry.isIntersecting && entry.boundingClientRect.top < 0;
      setSize((now) => (above ? (now ?? { width: entry.boundingClientRect.width, height: entry.boundingClientRect.height }) : undefined));
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      setSize(undefined);
    };
  }, [open]);
  return { slot, size };
}
