import { z } from 'zod';
import { MeResponse, SecurityEntryView, SessionView, type SecurityAction, type SignInBody } from '../../shared/api/session.js';
import { apiRequest } from '../common/api/apiRequest.js';

/** Signing in and out, and who is signed in. */
export const sessionApi = {
  me: () => apiRequest('GET', '/me', { schema: MeResponse }),
  signIn: (body: SignInBody) => apiRequest('POST', '/session', { body, schema: MeResponse }),
  signOut: () => apiRequest('DELETE', '/session'),
  /** The signed-in member's sessions ("Your sessions"). */
  sessions: () => apiRequest('GET', '/sessions', { schema: z.array(SessionView) }),
  endSession: (id: string) => apiRequest('DELETE', `/sessions/${encodeURIComponent(id)}`),
  endOtherSessions: () => apiRequest('POST', '/sessions/sign-out-others', { schema: z.object({ ended: z.number() }) }),
  /** One page of the security log (secretariat), newest first, below `before`. */
  securityLog: (query: { before?: number; action?: SecurityAction }) => {
    const params = new URLSearchParams();
    if (query.before !== undefined) params.set('before', String(query.before));
    if (query.action) params.set('action', query.action);
    const search = params.size > 0 ? `?${params.toString()}` : '';
    return apiRequest('GET', `/security-log${search}`, { schema: z.array(SecurityEntryView) });
  },
};
