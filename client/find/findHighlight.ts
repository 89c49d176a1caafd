import type { DraftMatch } from './draftMatches.js';

/** What Find asks the clause editors to mark: every match of `query`, and `current` more strongly. */
export interface FindHighlightState {
  query: string;
  current: DraftMatch | null;
}

/** How long after a jump an editor that mounts late (its clause was far away) still scrolls to the match. */
const REVEAL_WINDOW_MS = 3000;

let state: FindHighlightState = { query: '', current: null };
let revealAt = 0;
const listeners = new Set<() => void>();

/**
 * The one Find of the page talking to however many clause editors are mounted: a tiny store rather than
 * React context, because editors are created once and read it from a ProseMirror plugin (findHighlights).
 */
export const findHighlight = {
  get: (): FindHighlightState => state,

  set(next: FindHighlightState): void {
    if (next.query === state.query && next.current === state.current) return;
    state = next;
    for (const listener of [...listeners]) listener();
  },

  /** Jumps to a match: the editor holding it scrolls it into view, now or as soon as it mounts. */
  reveal(next: FindHighlightState): void {
    revealAt = Date.now();
    state = { ...next };
    for (const listener of [...listeners]) listener();
  },

  /** True once per jump, for the editor holding the current match, so it scrolls there only once. */
  takeReveal(): boolean {
    const pending = revealAt > 0 && Date.now() - revealAt < REVEAL_WINDOW_MS;
    revealAt = 0;
    return pending;
  },

  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
