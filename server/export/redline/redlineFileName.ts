import { titleSlug, versionSlug } from '../exportFileName.js';
import { isLiveSide, type RedlineSide, type RedlineSides } from './RedlineSides.js';

/**
 * A redline's file name, ASCII only: the newer side's title, `redline`, then each side as the clean export
 * names it: `code-of-conduct-redline-Rev.1-Rev.2.docx`; the live draft as `live-` and the time compared:
 * `code-of-conduct-redline-Rev.2-live-2026-01-05-0900.html`.
 */
export function redlineFileName(sides: RedlineSides, extension: string): string {
  return `${titleSlug(sides.to.title)}-redline-${sideSlug(sides.from)}-${sideSlug(sides.to)}.${extension}`;
}

function sideSlug(side: RedlineSide): string {
  return isLiveSide(side) ? `live-${versionSlug(side)}` : versionSlug(side);
}
