/**
 * The drafts list's public entry. No other feature uses anything of it (the drafts API they read a
 * draft's title from is in common/api); the router (App.tsx) names the drafts page directly, as it does
 * every page.
 */
export {};
