import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from './useSession.js';

/**
 * Shows its children only to a signed-in member. Anyone else goes to sign-in, carrying the page they
 * wanted in `next` so they come back to it afterwards (not after signing out on purpose).
 */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const { me, ended } = useSession();
  const location = useLocation();
  if (me) return children;
  const next = `${location.pathname}${location.search}`;
  const to = ended === 'sign-out' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`;
  return <Navigate to={to} replace />;
}
