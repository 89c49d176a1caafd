import { isoDay } from './exportDate.js';
import type { VersionMeta } from './versionLine.js';

/** Longest slug taken from the title, cut at a word boundary: file names stay readable in a mail client. */
export const MAX_TITLE_SLUG = 64;
/** Longest slug taken from a version label. */
export const MAX_LABEL_SLUG = 32;
/** What a working text's file name says it is, before its export time. */
export const WORKING_TEXT_SLUG = 'working-text';

/**
 * The download's file name, ASCII only (so a Content-Disposition header needs no encoding):
 * `code-of-conduct-Rev.2.docx` for a published revision, and for an unpublished version the label and the
 * version's UTC date and time: `code-of-conduct-before-the-plenary-2025-03-01-1405.docx`; the live draft
 * exported as a working text says so, with its export time: `code-of-conduct-working-text-2026-12-07-1405.docx`.
 * Titles with no Latin letters give `draft`.
 */
export function exportFileName(draft: VersionMeta, extension: string): string {
  return `${titleSlug(draft.title)}-${versionSlug(draft)}.${extension}`;
}

/** The title part of a file name: its slug, or `draft` for titles with no Latin letters. */
export function titleSlug(title: string): string {
  return slugify(title, MAX_TITLE_SLUG) || 'draft';
}

/**
 * The part of a file name saying which text it is: `Rev.2`, or the label's slug and the UTC date and time,
 * `before-the-plenary-2025-03-01-1405` (only the date and time when there is no label: the live draft), or
 * `working-text-2026-12-07-1405` for a working text, so a saved file can never pass for a version.
 */
export function versionSlug(draft: Omit<VersionMeta, 'title'>): string {
  if (draft.workingText) return `${WORKING_TEXT_SLUG}-${dayAndTime(draft.workingText.exportedAt)}`;
  if (draft.revision !== null) {
    const revision = draft.revision.replace(/[^A-Za-z0-9.]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
    if (revision) return revision;
  }
  const label = draft.versionLabel !== null ? slugify(draft.versionLabel, MAX_LABEL_SLUG) : '';
  return [label, dayAndTime(draft.date)].filter(Boolean).join('-');
}

/** `2025-03-01-1405`: a UTC date and time as file names carry it. */
function dayAndTime(iso: string): string {
  return `${isoDay(iso)}-${new Date(iso).toISOString().slice(11, 16).replace(':', '')}`;
}

/** Lower-case ASCII words joined by hyphens (accents folded: "Côte" -> "cote"), at most `max` characters. */
export function slugify(text: string, max: number): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > max) return slug || word.slice(0, max);
    slug = next;
  }
  return slug;
}
