import { z } from 'zod';
import { DelegationView } from '../../shared/api/delegations.js';
import { apiRequest } from '../common/api/apiRequest.js';

/** Delegations: every member lists them; the secretariat adds them. */
export const delegationsApi = {
  list: () => apiRequest('GET', '/delegations', { schema: z.array(DelegationView) }),
  create: (name: string) => apiRequest('POST', '/delegations', { body: { name }, schema: DelegationView }),
};
