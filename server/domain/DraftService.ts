import type { CreateDraftBody, DraftSummary, UpdateDraftBody } from '../../shared/api/drafts.js';
import type { DraftRecord } from '../storage/MetadataSchema.js';
import type { MetadataStore } from '../storage/MetadataStore.js';
import { AppError } from './AppError.js';
import { audit } from './audit.js';
import type { Clock } from './Clock.js';
import type { DraftEventBus } from './DraftEventBus.js';
import { newId } from './tokens.js';

export function toDraftSummary(draft: DraftRecord): DraftSummary {
  return {
    id: draft.id,
    title: draft.title,
    archived: draft.archived,
    createdAt: draft.createdAt,
    updatedAt: draft.updatedAt,
    counts: draft.counts ?? { brackets: 0, options: 0 },
  };
}

/**
 * The drafts of the workspace (their metadata; the text lives in the collaborative document).
 * Every member may read every draft; only the secretariat creates, renames and archives.
 */
export class DraftService {
  constructor(
    private readonly store: MetadataStore,
    private readonly clock: Clock,
    private readonly events: DraftEventBus,
  ) {}

  /** All drafts, newest first. */
  list(): DraftSummary[] {
    return this.store
      .read()
      .drafts.map(toDraftSummary)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** The draft's record, or DRAFT_NOT_FOUND. */
  get(id: string): DraftRecord {
    const draft = this.store.read().drafts.find((d) => d.id === id);
    if (!draft) throw new AppError('DRAFT_NOT_FOUND', 'No such draft.');
    return draft;
  }

  exists(id: string): boolean {
    return this.store.read().drafts.some((d) => d.id === id);
  }

  /** Creates a draft; the workspace stream announces it as `draft.updated`. */
  async create(body: CreateDraftBody, actorId: string | null): Promise<DraftSummary> {
    const now = this.clock().toISOString();
    const summary = await this.store.update((data) => {
      const draft: DraftRecord = {
        id: newId(),
        title: body.title,
        archived: false,
        template: body.template,
        createdBy: actorId,
        createdAt: now,
        updatedAt: now,
        // Both templates are plain paragraphs: a new draft has no brackets and no options.
        counts: { brackets: 0, options: 0 },
      };
      data.drafts.push(draft);
      audit(data, new Date(now), actorId, 'draft.create', draft.id);
      return toDraftSummary(draft);
    });
    this.events.publish(summary.id, { type: 'draft.updated', draft: summary });
    return summary;
  }

  async update(id: string, body: UpdateDraftBody, actorId: string | null): Promise<DraftSummary> {
    const now = this.clock();
    const summary = await this.store.update((data) => {
      const draft = data.drafts.find((d) => d.id === id);
      if (!draft) throw new AppError('DRAFT_NOT_FOUND', 'No such draft.');
      if (body.title !== undefined) draft.title = body.title;
      if (body.archived !== undefined) draft.archived = body.archived;
      draft.updatedAt = now.toISOString();
      audit(data, now, actorId, body.archived === undefined ? 'draft.rename' : body.archived ? 'draft.archive' : 'draft.unarchive', id);
      return toDraftSummary(draft);
    });
    this.events.publish(id, { type: 'draft.updated', draft: summary });
    return summary;
  }
}
