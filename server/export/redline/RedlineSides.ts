import type { CompareResult, CompareSide } from '../../../shared/api/versions.js';
import { revisionName } from '../../../shared/api/versions.js';
import type { VersionMeta } from '../versionLine.js';

/** One side of a redline as its title block, labels and file name show it: a version, or the live draft (no label, no revision). */
export type RedlineSide = VersionMeta;

/** The older (`from`) and newer (`to`) side of a redline, in the order they were compared. */
export interface RedlineSides {
  from: RedlineSide;
  to: RedlineSide;
}

/**
 * The sides of a comparison as the redline shows them: a version with its label, Rev.N and the time it was
 * taken; the live draft dated when it was compared. Titles are each side's own (the comparison keeps both).
 */
export function redlineSides(result: CompareResult): RedlineSides {
  return {
    from: side(result.from, result.comparison.title.from),
    to: side(result.to, result.comparison.title.to),
  };
}

function side(compared: CompareSide, title: string): RedlineSide {
  if (compared.kind === 'live') return { title, revision: null, versionLabel: null, date: compared.at };
  const { version } = compared;
  return {
    title,
    revision: version.revision === null ? null : revisionName(version.revision),
    versionLabel: version.label,
    date: version.createdAt,
  };
}

/** True for the live draft, the only side without a version label. */
export function isLiveSide(side: RedlineSide): boolean {
  return side.revision === null && side.versionLabel === null;
}

/** How labels name a side: "Rev.2", "“Before the plenary”" or "the live draft". */
export function sideName(side: RedlineSide): string {
  if (side.revision !== null) return side.revision;
  return side.versionLabel !== null ? `“${side.versionLabel}”` : 'the live draft';
}

/**
 * When the redline's changes are dated (Word's tracked changes and comments, the package dates): the later of
 * the two sides, to the second, in the form Word writes ("2025-03-01T14:05:09Z"). Never the clock.
 */
export function changeDate(sides: RedlineSides): string {
  const later = Math.max(Date.parse(sides.from.date), Date.parse(sides.to.date));
  return `${new Date(later).toISOString().slice(0, 19)}Z`;
}
