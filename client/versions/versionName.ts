import { revisionName, type CompareSide, type VersionView } from '../../shared/api/versions.js';

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const DATE_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** How the pages name a version in running text: "Rev.2 “Before the plenary”" or "“Before the plenary”". */
export function versionName(version: VersionView): string {
  const label = `“${version.label}”`;
  return version.revision === null ? label : `${revisionName(version.revision)} ${label}`;
}

/**
 * A version as one line in a chooser: a revision with its publication date, any other version with the
 * time it was saved, so automatic snapshots can be told apart.
 */
export function versionChoiceLabel(version: VersionView): string {
  if (version.publishedAt) return `${versionName(version)} · ${DATE.format(new Date(version.publishedAt))}`;
  return `${versionName(version)} · ${DATE_TIME.format(new Date(version.createdAt))}`;
}

/** What a side of a comparison is called in headings: "Rev.1", "“label”" or "Live draft". */
export function compareSideName(side: CompareSide): string {
  if (side.kind === 'live') return 'Live draft';
  return side.version.revision === null ? `“${side.version.label}”` : revisionName(side.version.revision);
}

/** Who saved a version, as they were then: "Mette Sørensen (Denmark)", or "Saved automatically". */
export function versionAuthorLine(version: VersionView): string {
  if (!version.author) return 'Saved automatically';
  return version.author.delegation ? `${version.author.name} (${version.author.delegation})` : version.author.name;
}
