import { MeResponse, type SignInBody } from '../../shared/api/session.js';
import { apiRequest } from '../common/api/apiRequest.js';

/** Signing in and out, and who is signed in. */
export const sessionApi = {
  me: () => apiRequest('GET', '/me', { schema: MeResponse }),
  signIn: (body: SignInBody) => apiRequest('POST', '/session', { body, schema: MeResponse }),
  signOut: () => apiRequest('DELETE', '/session'),
};
