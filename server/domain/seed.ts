import { randomBytes } from 'node:crypto';
import type { MetadataStore } from '../storage/MetadataStore.js';
import { isEmptyMetadata, type UserRecord } from '../storage/MetadataSchema.js';
import type { Clock } from './Clock.js';
import { hashPassword } from './passwords.js';
import { newId } from './tokens.js';

export const DEMO_DELEGATIONS = ['United States', 'Australia', 'Denmark', 'Norway'] as const;

/** The demo accounts created on first start: email, name, role and delegation (by name). */
export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; role: UserRecord['role']; delegation: string | null }> = [
  { email: 'secretariat@example.org', name: 'Helena Brandt', role: 'secretariat', delegation: null },
  { email: 'us@example.org', name: 'James Carter', role: 'delegate', delegation: 'United States' },
  { email: 'au@example.org', name: 'Olivia Nguyen', role: 'delegate', delegation: 'Australia' },
  { email: 'dk@example.org', name: 'Mette Sørensen', role: 'delegate', delegation: 'Denmark' },
  { email: 'no@example.org', name: 'Lars Haugen', role: 'delegate', delegation: 'Norway' },
  { email: 'reviewer@example.org', name: 'Amara Okafor', role: 'reviewer', delegation: null },
];

export interface SeedResult {
  seeded: boolean;
  /** The password of each seeded account; only when they were generated (not from SEED_PASSWORD). */
  generatedPasswords: Array<{ email: string; password: string }>;
}

/**
 * Creates the demo workspace when, and only when, the store has never held any data.
 * All of it lands in one durable write, so a crash cannot leave half a workspace that is never completed.
 */
export async function seedDemoWorkspace(
  store: MetadataStore,
  clock: Clock,
  options: { seedPassword: string | undefined; starterTitle: string },
): Promise<SeedResult> {
  if (!isEmptyMetadata(store.read())) return { seeded: false, generatedPasswords: [] };
  const now = clock().toISOString();
  const passwords = DEMO_USERS.map((u) => ({ email: u.email, password: options.seedPassword ?? randomBytes(12).toString('base64url') }));
  const hashes = await Promise.all(passwords.map((p) => hashPassword(p.password)));
  const delegations = DEMO_DELEGATIONS.map((name) => ({ id: newId(), name, createdAt: now }));
  await store.update((data) => {
    if (!isEmptyMetadata(data)) return;
    data.delegations.push(...delegations);
    DEMO_USERS.forEach((u, i) => {
      data.users.push({
        id: newId(),
        email: u.email,
        name: u.name,
        role: u.role,
        delegationId: delegations.find((d) => d.name === u.delegation)?.id ?? null,
        passwordHash: hashes[i]!,
        active: true,
        createdAt: now,
        updatedAt: now,
      });
    });
    data.drafts.push({ id: newId(), title: options.starterTitle, archived: false, template: 'starter', createdBy: null, createdAt: now, updatedAt: now });
    data.audit.push({ at: now, actorId: null, action: 'workspace.seed', target: 'demo' });
  });
  return { seeded: true, generatedPasswords: options.seedPassword ? [] : passwords };
}
