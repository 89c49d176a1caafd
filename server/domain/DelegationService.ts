import type { DelegationView } from '../../shared/api/delegations.js';
import { AppError } from './AppError.js';
import { audit } from './audit.js';
import type { Clock } from './Clock.js';
import type { MetadataRepositories } from './repositories.js';
import { newId } from './tokens.js';

/** The delegations (states) taking part. */
export class DelegationService {
  constructor(
    private readonly metadata: MetadataRepositories,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<DelegationView[]> {
    return (await this.metadata.delegations.list()).map((d) => ({ id: d.id, name: d.name })).sort((a, b) => a.name.localeCompare(b.name));
  }

  async create(name: string, actorId: string | null): Promise<DelegationView> {
    const now = this.clock();
    return this.metadata.transaction(async (tx) => {
      if (await tx.delegations.findByName(name)) {
        throw new AppError('DELEGATION_EXISTS', 'A delegation with this name already exists.');
      }
      const delegation = { id: newId(), name, createdAt: now.toISOString() };
      await tx.delegations.add(delegation);
      await audit(tx.audit, now, actorId, 'delegation.create', delegation.id);
      return { id: delegation.id, name };
    });
  }
}
