import type { Metadata } from '../storage/MetadataSchema.js';

/** Appends an audit entry inside a metadata update, so the entry lands in the same durable write. */
export function audit(data: Metadata, at: Date, actorId: string | null, action: string, target: string): void {
  data.audit.push({ at: at.toISOString(), actorId, action, target });
}
