/**
 * What an export says at its top when the text holds proposals (amendments mode), so a reader who has never
 * seen the application knows how they are drawn (see shared/export/proposalLabels.ts for the tags). Texts
 * without proposals print none of it, and read as before.
 */

/** HTML and PDF: underlined or struck through, each passage followed by its tag. */
export const PROPOSALS_NOTE =
  'Proposed amendments: text a delegation proposes to insert is underlined and followed by “+” and the delegation’s name; text a delegation proposes to delete is struck through and followed by “−” and its name. Neither is part of the text until the secretariat accepts it.';

/**
 * Markdown: CriticMarkup's insertion and deletion, each followed by a CriticMarkup comment naming the
 * delegation. Written into the Markdown as is (not escaped): keep it free of Markdown syntax but its examples.
 */
export const MARKDOWN_PROPOSALS_NOTE =
  'Proposed amendments are marked as in CriticMarkup: {++text++} is text a delegation proposes to insert and {--text--} text it proposes to delete, each followed by the delegation’s name as {>>name<<}. Neither is part of the text until the secretariat accepts it.';

/** Word: real tracked changes, authored by the proposing delegation. */
export const DOCX_PROPOSALS_NOTE =
  'Proposed amendments are Word tracked changes, each by the delegation that proposed it (shown as its author). Neither an insertion nor a deletion is part of the text until the secretariat accepts it.';
