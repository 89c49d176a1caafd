import { createContext } from 'react';
import type { MeResponse } from '../../shared/api/session.js';

export interface SessionState {
  /** The signed-in member, or null when signed out. */
  me: MeResponse | null;
  /**
   * Why the last session ended while this page was open: the person signed out, or the server ended
   * it (expired, deactivated). Null when nobody was signed in yet. Lets sign-in say what happened.
   */
  ended: 'sign-out' | 'server' | null;
  /** Records a fresh sign-in (from the sign-in or invitation page). */
  signedIn: (me: MeResponse) => void;
  /** Ends the session on the server and forgets the member here. */
  signOut: () => Promise<void>;
}

/** Who is signed in; provided by SessionProvider once GET /api/me has answered. */
export const SessionContext = createContext<SessionState | null>(null);
