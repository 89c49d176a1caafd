import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config.js';
import { reportFigure } from '../helpers/reportFigure.js';

/**
 * The last security fix of each package the app's safety leans on, and why: every installed copy (any
 * depth of node_modules, from package-lock.json) must be at or past it. Sources: the GitHub advisory
 * database (GHSA ids) and the projects' own announcements.
 */
const SECURITY_FLOORS: Array<{ name: string | RegExp; minimum: string; why: string }> = [
  { name: 'ws', minimum: '8.17.1', why: 'GHSA-3h5v-q93c-6h6q (CVE-2024-37890): a request with many headers crashes the server (DoS)' },
  {
    name: 'express',
    minimum: '5.0.0',
    why: 'GHSA-qw6h-vgh9-j6wx (CVE-2024-43796, fixed in 4.20.0/5.0.0): res.redirect XSS; GHSA-rv95-896h-c2vc (CVE-2024-29041): open redirect',
  },
  {
    name: 'path-to-regexp',
    minimum: '8.0.0',
    why: 'GHSA-9wv6-86v2-598j (CVE-2024-45296): ReDoS in route matching (the 8.x line is not affected)',
  },
  {
    name: 'cookie',
    minimum: '0.7.0',
    why: 'GHSA-pxg6-pf52-xh8x (CVE-2024-47764): out-of-bounds characters in cookie name, path and domain',
  },
  {
    name: 'send',
    minimum: '1.1.0',
    why: 'GHSA-m6fv-jmcg-4jfg (CVE-2024-43799): template injection leading to XSS (fixed in 0.19.0 and the 1.x line)',
  },
  {
    name: 'serve-static',
    minimum: '2.1.0',
    why: 'GHSA-cm22-4g7w-348p (CVE-2024-43800): XSS through redirects (fixed in 1.16.0 and 2.1.0)',
  },
  {
    name: 'body-parser',
    minimum: '2.0.0',
    why: 'GHSA-qwcr-r2fm-qrc7 (CVE-2024-45590): DoS with URL-encoded bodies affects < 1.20.3; the 2.x line is past it',
  },
  {
    name: 'prosemirror-view',
    minimum: '1.42.3',
    why: 'GHSA-c8x8-7fp4-3x9w: pasting attacker-supplied HTML runs script (tiptap#8282, #8283)',
  },
  {
    name: 'prosemirror-model',
    minimum: '1.22.1',
    why: 'DOMSerializer XSS through node and mark attributes (discuss.prosemirror.net "heads-up: XSS risk in DOMSerializer", 2024)',
  },
  {
    name: /^@tiptap\//,
    minimum: '2.10.4',
    why: 'extension-link: javascript: and other unsafe hrefs rendered as links (tiptap#5160 in 2.4.0, hardened by #5945 in 2.10.4)',
  },
  {
    name: 'linkifyjs',
    minimum: '4.3.2',
    why: 'GHSA-95jq-xph2-cx9h: prototype pollution and HTML attribute injection (XSS), a dependency of @tiptap/extension-link',
  },
];

/** Every package copy in package-lock.json: name and version (and whether only development needs it). */
function installedPackages(): Array<{ name: string; version: string; dev: boolean; where: string }> {
  const lock = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; dev?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([where, entry]) => where.includes('node_modules/') && entry.version)
    .map(([where, entry]) => ({
      name: where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length),
      version: entry.version!,
      dev: entry.dev === true,
      where,
    }));
}

/** Compares two release versions (x.y.z, pre-release tags ignored): negative, zero or positive. */
function compareVersions(a: string, b: string): number {
  const parse = (v: string) => v.split('-')[0]!.split('.').map(Number);
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

describe('dependencies', () => {
  it('has every installed copy of ws, express (and its parsers), prosemirror and tiptap at or past its last security fix', () => {
    const installed = installedPackages();
    const checked: string[] = [];
    const behind: string[] = [];
    for (const floor of SECURITY_FLOORS) {
      const copies = installed.filter((p) => (typeof floor.name === 'string' ? p.name === floor.name : floor.name.test(p.name)));
      expect(copies.length, `${floor.name} is installed`).toBeGreaterThan(0);
      for (const copy of copies) {
        checked.push(`${copy.name}@${copy.version}`);
        if (compareVersions(copy.version, floor.minimum) < 0) behind.push(`${copy.where}@${copy.version} < ${floor.minimum}: ${floor.why}`);
      }
    }
    expect(behind).toEqual([]);
    reportFigure(
      'dependency floors',
      `${checked.length} installed copies checked against ${SECURITY_FLOORS.length} security floors, none behind`,
    );
  });
});
