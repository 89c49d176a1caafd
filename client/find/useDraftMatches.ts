import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { readDraftMatches, type DraftMatch } from './draftMatches.js';
import { searchPattern } from './matchText.js';

/** The matches and the query they are for (the query changes a render before its matches arrive). */
export interface DraftMatches {
  query: string;
  matches: DraftMatch[];
}

/** Re-reading the draft waits this long after a change, so a burst of keystrokes costs one search. */
const SETTLE_MS = 150;

/**
 * The clauses the page lists, in its order, from the page itself: the status filter and the agreed-text
 * view decide which clauses show (and options sit under their clause), and Find finds what is shown.
 */
function shownClauseIds(): string[] {
  return [...document.querySelectorAll<HTMLElement>('.clause-list article[data-clause-id]')].map((card) => card.dataset.clauseId ?? '');
}

/**
 * The matches of `query` in the clauses the page shows, kept live: re-read from the Yjs document when it
 * changes (anyone's typing) and when the list of clauses on the page changes (filter, moves, additions).
 * Nothing is watched while the query is blank.
 */
export function useDraftMatches(doc: Y.Doc, query: string): DraftMatches {
  const [matches, setMatches] = useState<DraftMatches>({ query: '', matches: [] });
  useEffect(() => {
    if (!searchPattern(query)) {
      setMatches({ query, matches: [] });
      return;
    }
    let timer: ReturnType<typeof setTimeout> | null = null;
    const read = () => {
      timer = null;
      setMatches({ query, matches: readDraftMatches(doc, shownClauseIds(), query) });
    };
    const schedule = () => {
      timer ??= setTimeout(read, SETTLE_MS);
    };
    read();
    doc.on('update', schedule);
    const list = document.querySelector('.clause-list');
    const observer = new MutationObserver(schedule);
    if (list) observer.observe(list, { childList: true });
    return () => {
      if (timer) clearTimeout(timer);
      doc.off('update', schedule);
      observer.disconnect();
    };
  }, [doc, query]);
  return matches;
}
