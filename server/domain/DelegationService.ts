import type { DelegationView } from '../../shared/api/delegations.js';
import type { MetadataStore } from '../storage/MetadataStore.js';
import { AppError } from './AppError.js';
import { audit } from './audit.js';
import type { Clock } from './Clock.js';
import { newId } from './tokens.js';

/** The delegations (states) taking part. */
export class DelegationService {
  constructor(
    private readonly store: MetadataStore,
    private readonly clock: Clock,
  ) {}

  list(): DelegationView[] {
    return this.store
      .read()
      .delegations.map((d) => ({ id: d.id, name: d.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async create(name: string, actorId: string | null): Promise<DelegationView> {
    const now = this.clock();
    return this.store.update((data) => {
      const key = name.toLocaleLowerCase();
      if (data.delegations.some((d) => d.name.toLocaleLowerCase() === key)) {
        throw new AppError('DELEGATION_EXISTS', 'A delegation with this name already exists.');
      }
      const delegation = { id: newId(), name, createdAt: now.toISOString() };
      data.delegations.push(delegation);
      audit(data, now, actorId, 'delegation.create', delegation.id);
      return { id: delegation.id, name };
    });
  }
}
