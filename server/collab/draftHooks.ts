import * as Y from 'yjs';
import { CLOSE_CODE } from '../../shared/collab/closeCodes.js';
import { seedDocument, type DocumentSeed } from '../../shared/doc/seedDocument.js';
import type { Services } from '../domain/Services.js';
import { readCookie, SESSION_COOKIE } from '../http/cookies.js';
import type { DocumentStore } from '../storage/DocumentStore.js';
import type { CollabHooks, CollabUser } from './CollabHooks.js';
import type { CollabLog } from './CollabLog.js';
import { CollabRefusal } from './CollabRefusal.js';

export interface DraftHooksOptions {
  services: Services;
  documents: DocumentStore;
  /** The starter text that seeds drafts created from the 'starter' template. */
  starter: DocumentSeed;
  log: CollabLog;
  /** Compact a draft's log once it has grown past this many bytes since the last compaction. @default 1 MiB */
  compactAfterBytes?: number;
}

/**
 * The app's hooks: members and drafts from the domain services, documents in the DocumentStore.
 * - authenticate: session cookie -> active member; the draft must exist; every active member may read
 *   every draft; reviewers are read-only.
 * - load: the saved updates and client id owners, or for a new draft the seed from its template, written
 *   to disk before any client can see it, so a crash can never lead to a second, different seed.
 * - addClientIdOwners: to the document store, durably.
 * - store: append (durable when it resolves); compacts in the background past `compactAfterBytes`.
 * - unload: waits for a running compaction, compacts what the log gained, releases the draft's files.
 */
export function createDraftHooks(options: DraftHooksOptions): CollabHooks {
  const { services, documents, log } = options;
  const compactAfterBytes = options.compactAfterBytes ?? 1024 * 1024;
  const compactions = new Map<string, Promise<void>>();

  const compact = (draftId: string, state: Uint8Array | null): Promise<void> => {
    if (state === null) return Promise.resolve();
    const running = documents
      .compact(draftId, state)
      .catch((error: unknown) => log.error('compacting a draft failed (its log still holds everything)', { draftId, error: (error as Error).message }))
      .finally(() => compactions.delete(draftId));
    compactions.set(draftId, running);
    return running;
  };

  return {
    authenticate({ request, draftId }): CollabUser {
      const user = services.sessions.resolve(readCookie(request.headers.cookie, SESSION_COOKIE));
      if (!user) throw new CollabRefusal(CLOSE_CODE.UNAUTHENTICATED, 'no valid session');
      if (!services.drafts.exists(draftId)) throw new CollabRefusal(CLOSE_CODE.UNKNOWN_DRAFT, 'no such draft');
      // Every active member may read every draft (DOMAIN.md); FORBIDDEN is kept for per-draft access later.
      const delegation = user.delegationId ? services.store.read().delegations.find((d) => d.id === user.delegationId) : undefined;
      return {
        id: user.id,
        name: user.name,
        role: user.role,
        delegation: delegation?.name ?? null,
        delegationId: delegation?.id ?? null,
        readOnly: user.role === 'reviewer',
      };
    },

    async load({ draftId, document }) {
      const [updates, clientIdOwners] = await Promise.all([documents.load(draftId), documents.loadClientIdOwners(draftId)]);
      if (updates.length > 0) {
        for (const update of updates) Y.applyUpdate(document, update);
        return { clientIdOwners };
      }
      const draft = services.drafts.get(draftId);
      const seed: DocumentSeed = draft.template === 'starter' ? { ...options.starter, title: draft.title } : { title: draft.title, clauses: [] };
      seedDocument(document, seed);
      await documents.append(draftId, Y.encodeStateAsUpdate(document));
      return { clientIdOwners };
    },

    addClientIdOwners({ draftId, owners }) {
      return documents.addClientIdOwners(draftId, owners);
    },

    async store({ draftId, update, snapshot }) {
      await documents.append(draftId, update);
      if (documents.logSize(draftId) > compactAfterBytes && !compactions.has(draftId)) void compact(draftId, snapshot());
    },

    async unload({ draftId, snapshot }) {
      await compactions.get(draftId);
      if (documents.logSize(draftId) > 0) await compact(draftId, snapshot());
      await documents.release(draftId);
    },
  };
}
