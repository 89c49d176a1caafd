import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AKN_XSD } from './export/readers.js';

/**
 * A clone of the repository is all a user has: no file may reach for a folder beside it (such as a
 * shared/ folder next to the clone); the Akoma Ntoso schema and the benchmark's load generator are vendored.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

/** Folders that are installed, built or written at run time (git-ignored), never part of a clone. */
const SKIPPED_NAMES = new Set(['node_modules', '.git', 'dist']);
const SKIPPED_PATHS = new Set(['drafts/data', 'test-results', 'tmp', 'bench/results']);

/** Every file of the repository, as paths relative to its root with forward slashes. */
function repositoryFiles(dir = ROOT): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const relative = path.relative(ROOT, full).split(path.sep).join('/');
    if (SKIPPED_NAMES.has(name) || SKIPPED_PATHS.has(relative)) continue;
    const stat = statSync(full);
    if (stat.isDirectory()) out.push(...repositoryFiles(full));
    else if (stat.isFile()) out.push(relative);
  }
  return out;
}

/** The file's text, or null for a binary file (a NUL byte in its first 8 KiB). */
function textOf(relative: string): string | null {
  const bytes = readFileSync(path.join(ROOT, relative));
  if (bytes.subarray(0, 8192).includes(0)) return null;
  return bytes.toString('utf8');
}

// Built from parts so that this file does not name them itself.
const OUTSIDE_PATHS = [['..', 'shared', 'schemas'].join('/'), ['..', 'shared', 'bench'].join('/'), `/${['work', 'shared'].join('/')}`];

/** Relative paths in code that are resolved against the file's own folder. */
const ANCHORED_PATH_RES = [
  // path.resolve(import.meta.dirname, '..', 'x') and path.join(import.meta.dirname, '../x')
  /path\.(?:resolve|join)\(\s*import\.meta\.dirname\s*((?:,\s*'[^']*'\s*)+)\)/g,
  // new URL('../x', import.meta.url)
  /new URL\(\s*'(\.{1,2}\/[^']*)'\s*,\s*import\.meta\.url\s*\)/g,
  // import ... from '../x', import('../x'), import '../x'
  /(?:from\s*|import\(\s*|^\s*import\s+)'(\.{1,2}\/[^']*)'/gm,
];

function anchoredPaths(text: string): string[][] {
  const found: string[][] = [];
  for (const re of ANCHORED_PATH_RES) {
    for (const match of text.matchAll(re)) {
      const args = match[1]!;
      found.push(args.startsWith(',') ? [...args.matchAll(/'([^']*)'/g)].map((m) => m[1]!) : [args]);
    }
  }
  return found;
}

function isInside(target: string): boolean {
  const relative = path.relative(ROOT, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

describe('the repository is self-contained', () => {
  const files = repositoryFiles();

  it('walks the whole repository', () => {
    for (const expected of [
      'package.json',
      'README.md',
      'test/unit/export/readers.ts',
      'bench/loadgen.mjs',
      'test/bench/run.ts',
      '.ci/run',
    ]) {
      expect(files).toContain(expected);
    }
  });

  it('no source, test, bench, script or document names a folder outside the repository', () => {
    const offending: string[] = [];
    for (const file of files) {
      const text = textOf(file);
      if (text === null) continue;
      text.split('\n').forEach((line, index) => {
        for (const outside of OUTSIDE_PATHS) if (line.includes(outside)) offending.push(`${file}:${index + 1}: ${outside}`);
      });
    }
    expect(offending).toEqual([]);
  });

  it('paths that code resolves against its own folder (path.resolve/join from import.meta.dirname, new URL, relative imports) stay inside the repository', () => {
    const leaving: string[] = [];
    for (const file of files) {
      if (!/\.(?:ts|tsx|mjs|js|cjs)$/.test(file)) continue;
      const text = textOf(file);
      if (text === null) continue;
      for (const parts of anchoredPaths(text)) {
        const target = path.resolve(ROOT, path.dirname(file), ...parts);
        if (!isInside(target)) leaving.push(`${file}: ${parts.join(', ')} -> ${target}`);
      }
    }
    expect(leaving).toEqual([]);
  });

  it('AKN_XSD is the vendored schema, inside the repository, and the XML namespace schema it imports is beside it', () => {
    expect(isInside(AKN_XSD)).toBe(true);
    expect(existsSync(AKN_XSD)).toBe(true);
    const imports = [...readFileSync(AKN_XSD, 'utf8').matchAll(/<xsd:(?:import|include)\b[^>]*\bschemaLocation="([^"]+)"/g)].map(
      (m) => m[1]!,
    );
    expect(imports).toEqual(['./xml.xsd']);
    for (const location of imports) {
      // xmllint resolves a schemaLocation relative to the schema that names it, and runs with --nonet.
      const imported = path.resolve(path.dirname(AKN_XSD), location);
      expect(isInside(imported)).toBe(true);
      expect(existsSync(imported)).toBe(true);
    }
  });
});
