import { z } from 'zod';
import { text } from './common.js';
import { LIMITS } from '../limits.js';

/** POST /api/delegations (secretariat) */
export const CreateDelegationBody = z.strictObject({ name: text(LIMITS.delegationNameLength) });
export type CreateDelegationBody = z.infer<typeof CreateDelegationBody>;

export const DelegationView = z.object({ id: z.string(), name: z.string() });
export type DelegationView = z.infer<typeof DelegationView>;
