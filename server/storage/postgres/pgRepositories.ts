import type { Repositories } from '../../domain/repositories.js';
import { pgCommentRepository, pgDraftRepository, pgVersionRepository } from './pgDraftRepositories.js';
import { pgAuditRepository, pgNegotiationRepository } from './pgNegotiationRepositories.js';
import { pgDelegationRepository, pgMemberRepository, pgSessionRepository } from './pgPeopleRepositories.js';
import type { SqlAccess } from './SqlAccess.js';

/** The repositories over the tables of the `metadata` schema (schema/metadata.ts), reached through `access` (see PgMetadata). */
export function pgRepositories(access: SqlAccess): Repositories {
  return {
    members: pgMemberRepository(access),
    sessions: pgSessionRepository(access),
    delegations: pgDelegationRepository(access),
    drafts: pgDraftRepository(access),
    comments: pgCommentRepository(access),
    versions: pgVersionRepository(access),
    negotiation: pgNegotiationRepository(access),
    audit: pgAuditRepository(access),
  };
}
