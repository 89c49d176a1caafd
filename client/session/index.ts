/**
 * The session feature's public entry: who is signed in, and the signed-in frame the routes sit in.
 * The sign-in and invitation pages are not exported here: only the router (App.tsx) names page modules.
 */
export { AppLayout } from './AppLayout.js';
export { RequireRole } from './RequireRole.js';
export { RequireSignIn } from './RequireSignIn.js';
export { sessionApi } from './sessionApi.js';
export { SessionProvider } from './SessionProvider.js';
export { useSession } from './useSession.js';
