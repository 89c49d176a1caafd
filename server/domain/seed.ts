import { randomBytes } from 'node:crypto';
import type { Clock } from './Clock.js';
import { hashPassword } from './passwords.js';
import type { UserRecord } from './records.js';
import type { MetadataRepositories } from './repositories.js';
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
  metadata: MetadataRepositories,
  clock: Clock,
  options: { seedPassword: string | undefined; starterTitle: string },
): Promise<SeedResult> {
  if (!(await metadata.isEmpty())) return { seeded: false, generatedPasswords: [] };
  const now = clock().toISOString();
  const passwords = DEMO_USERS.map((u) => ({ email: u.email, password: options.seedPassword ?? randomBytes(12).toString('base64url') }));
  const hashes = await Promise.all(passwords.map((p) => hashPassword(p.password)));
  const delegations = DEMO_DELEGATIONS.map((name) => ({ id: newId(), name, createdAt: now }));
  const seeded = await metadata.transaction(async (tx) => {
    // Checked again in the write: nothing may have been written while the passwords were hashed.
    if ((await tx.members.list()).length > 0 || (await tx.delegations.list()).length > 0 || (await tx.drafts.list()).length > 0)
      return false;
    for (const delegation of delegations) await tx.delegations.add(delegation);
    for (const [i, u] of DEMO_USERS.entries()) {
      await tx.members.add({
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
    }
    await tx.drafts.add({
      id: newId(),
      title: options.starterTitle,
      archived: false,
      template: 'starter',
      createdBy: null,
      createdAt: now,
      updatedAt: now,
    });
    await tx.audit.append({ at: now, actorId: null, action: 'workspace.seed', target: 'demo' });
    return true;
  });
  if (!seeded) return { seeded: false, generatedPasswords: [] };
  return { seeded: true, generatedPasswords: options.seedPassword ? [] : passwords };
}
