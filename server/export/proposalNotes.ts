/**
 * What an export says at its top when the text holds proposals (amendments mode), so a reader who has never
 * seen the application knows how they are drawn (see shared/export/proposalLabels.ts for the tags). Texts
 * without proposals print none of it, and read as before.
 */

/**
 * HTML and PDF: underlined or struck through, each passage followed by its tag; a whole clause's proposal named
 * in a line under its number, its text drawn the same way.
 */
export const PROPOSALS_NOTE =
  'Proposed amendments: text a delegation proposes to insert is underlined and followed by “+” and the delegation’s name; text a delegation proposes to delete is struck through and followed by “−” and its name. A whole clause a delegation proposes to add or to delete has a line under its number, “Proposed new clause — name” or “Deletion proposed by name”, and its text is underlined or struck through. None of it is part of the text until the secretariat accepts it.';

/**
 * Markdown: CriticMarkup's insertion and deletion, each followed by a CriticMarkup comment naming the
 * delegation. Written into the Markdown as is (not escaped): keep it free of Markdown syntax but its examples.
 */
export const MARKDOWN_PROPOSALS_NOTE =
  'Proposed amendments are marked as in CriticMarkup: {++text++} is text a delegation proposes to insert and {--text--} text it proposes to delete, each followed by the delegation’s name as {>>name<<}. A whole clause a delegation proposes to add or to delete has a line under its heading, “Proposed new clause — name” or “Deletion proposed by name”, and its text is marked the same way. None of it is part of the text until the secretariat accepts it.';

/**
 * Word: real tracked changes, authored by the proposing delegation, a whole clause's heading and paragraphs
 * (their marks included) too; no line names it, so accepting or rejecting every change leaves a clean text.
 */
export const DOCX_PROPOSALS_NOTE =
  'Proposed amendments are Word tracked changes, each by the delegation that proposed it (shown as its author). A whole clause a delegation proposes to add or to delete is tracked as inserted or deleted, heading and paragraphs, by that delegation. None of it is part of the text until the secretariat accepts it.';
