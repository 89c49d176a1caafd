import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { DraftsPage } from './drafts/DraftsPage.js';
import { MembersPage } from './members/MembersPage.js';
import { SecurityLogPage } from './members/SecurityLogPage.js';
import { NotFoundPage } from './NotFoundPage.js';
import { AppLayout, RequireRole, RequireSignIn, SessionProvider } from './session/index.js';
import { InvitationPage } from './session/InvitationPage.js';
import { SessionsPage } from './session/SessionsPage.js';
import { SignInPage } from './session/SignInPage.js';

/**
 * The routes. Sign-in and invitation links are public; everything else needs a session and sits in the
 * signed-in frame. The server answers every non-API path with index.html, so deep links work.
 */
const router = createBrowserRouter([
  { path: '/', element: <Navigate to="/drafts" replace /> },
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/invitation/:token', element: <InvitationPage /> },
  {
    element: (
      <RequireSignIn>
        <AppLayout />
      </RequireSignIn>
    ),
    children: [
      { path: '/drafts', element: <DraftsPage /> },
      // The editor (TipTap, Yjs) is most of the code: load it only when a draft is opened.
      { path: '/drafts/:id', lazy: async () => ({ Component: (await import('./draft/DraftPage.js')).DraftPage }) },
      // Versions: the history, one version read-only, and comparisons; loaded only when opened.
      { path: '/drafts/:id/history', lazy: async () => ({ Component: (await import('./versions/HistoryPage.js')).HistoryPage }) },
      {
        path: '/drafts/:id/versions/:versionId',
        lazy: async () => ({ Component: (await import('./versions/VersionPage.js')).VersionPage }),
      },
      { path: '/drafts/:id/compare', lazy: async () => ({ Component: (await import('./versions/ComparePage.js')).ComparePage }) },
      // Negotiation: the positions matrix (everyone) and the audit log (the secretariat); loaded only when opened.
      { path: '/drafts/:id/positions', lazy: async () => ({ Component: (await import('./negotiation/PositionsPage.js')).PositionsPage }) },
      { path: '/drafts/:id/audit', lazy: async () => ({ Component: (await import('./negotiation/AuditPage.js')).AuditPage }) },
      {
        path: '/members',
        element: (
          <RequireRole role="secretariat">
            <MembersPage />
          </RequireRole>
        ),
      },
      { path: '/sessions', element: <SessionsPage /> },
      {
        path: '/security-log',
        element: (
          <RequireRole role="secretariat">
            <SecurityLogPage />
          </RequireRole>
        ),
      },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
]);

/** The whole client: who is signed in, then the routes. */
export function App() {
  return (
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  );
}
