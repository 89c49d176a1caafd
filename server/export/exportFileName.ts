import { isoDay } from './exportDate.js';
import type { VersionMeta } from './versionLine.js';

/** Longest slug taken from the title, cut at a word boundary: file names stay readable in a mail client. */
export const MAX_TITLE_SLUG = 64;
/** Longest slug taken from a version label. */
export const MAX_LABEL_SLUG = 32;

/**
 * The download's file name, ASCII only (so a Content-Disposition header needs no encoding):
 * `code-of-conduct-Rev.2.docx` for a published revision, and for an unpublished version the label and the
 * version's UTC date and time: `code-of-conduct-before-the-plenary-2025-03-01-1405.docx`.
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
 * `before-the-plenary-2025-03-01-1405` (only the date and time when there is no label: the live draft).
 */
export function versionSlug(draft: Omit<VersionMeta, 'title'>): string {
  if (draft.revision !== null) {
    const revision = draft.revision.replace(/[^A-Za-z0-9.]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
    if (revision) return revision;
  }
  const label = draft.versionLabel !== null ? slugify(draft.versionLabel, MAX_LABEL_SLUG) : '';
  const time = new Date(draft.date).toISOString().slice(11, 16).replace(':', '');
  return [label, isoDay(draft.date), time].filter(Boolean).join('-');
}

/** Lower-case ASCII words joined by hyphens (accents folded: "Côte" -> "cote"), at most `max` characters. */
export function slugify(text: string, max: number): string {
  const words = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > max) return slug || word.slice(0, max);
    slug = next;
  }
  return slug;
}
