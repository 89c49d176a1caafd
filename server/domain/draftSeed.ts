import type { DocumentSeed } from '../../shared/doc/seedDocument.js';

/** What a new draft's document starts with: the starter text under the draft's title, or its title only. */
export function draftSeed(draft: { title: string; template: string }, starter: DocumentSeed): DocumentSeed {
  return draft.template === 'starter' ? { ...starter, title: draft.title } : { title: draft.title, clauses: [] };
}
