/**
 * The draft page's public entry. No other feature uses anything of the draft page; the router (App.tsx)
 * loads DraftPage lazily, and a page module is never exported from an entry like this one, so the
 * editor and Yjs stay out of the first chunk.
 */
export {};
