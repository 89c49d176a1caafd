import type { Inline } from '../../shared/export/DraftText.js';

/**
 * How a run changed between two versions, for redlines: HTML marks it with <ins>/<del>, DOCX with tracked
 * changes. Clean exports never set it; the redline export (issue 6, part 2) builds runs that do.
 */
export type InlineChange = 'inserted' | 'deleted';

/** A run as the HTML and DOCX inline renderers take it: DraftText's Inline, optionally marked as changed. */
export type ChangedInline = Inline & { change?: InlineChange };
