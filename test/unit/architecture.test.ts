import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layout rule of ARCHITECTURE.md, checked on every test run:
 * client -> shared <- server, test -> anything, nothing imports test/, and no import cycles.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const LAYERS = ['client', 'server', 'shared', 'test'] as const;
type Layer = (typeof LAYERS)[number];

const ALLOWED: Record<Layer, Layer[]> = {
  shared: ['shared'],
  server: ['server', 'shared'],
  client: ['client', 'shared'],
  test: ['test', 'client', 'server', 'shared'],
};

const WHY: Record<Layer, string> = {
  shared: 'shared/ holds contracts used by both sides and must not depend on either',
  server: 'the server must not import browser code; move what both need to shared/',
  client: 'the client must not import server code (it would ship secrets and Node APIs to browsers); move what both need to shared/',
  test: '',
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx)$/.test(name)) out.push(full);
  }
  return out;
}

const IMPORT_RE = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function relativeImports(file: string, options: { typeOnly: boolean }): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (!options.typeOnly && /^(?:import|export)\s+type\s/.test(m[0])) continue;
    if (spec && spec.startsWith('.')) found.push(path.resolve(path.dirname(file), spec));
  }
  return found;
}

function layerOf(file: string): Layer | null {
  const first = path.relative(ROOT, file).split(path.sep)[0];
  return (LAYERS as readonly string[]).includes(first ?? '') ? (first as Layer) : null;
}

function resolveSource(target: string): string | null {
  const base = target.replace(/\.js$/, '');
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), target]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next
    }
  }
  return null;
}

const files = LAYERS.flatMap((layer) => {
  try {
    return sourceFiles(path.join(ROOT, layer));
  } catch {
    return [];
  }
});
/** Every import, type-only ones too: the direction rule applies to types as well. */
const graph = new Map<string, string[]>(
  files.map((f) => [f, relativeImports(f, { typeOnly: true }).map((t) => resolveSource(t) ?? t)]),
);
/** Imports that run code: a cycle among these can leave a module half-initialised when another loads it. */
const runtimeGraph = new Map<string, string[]>(
  files.map((f) => [f, relativeImports(f, { typeOnly: false }).map((t) => resolveSource(t) ?? t)]),
);

describe('architecture', () => {
  it('imports only flow client -> shared <- server, and nothing outside test/ imports test/', () => {
    const violations: string[] = [];
    for (const [file, targets] of graph) {
      const from = layerOf(file);
      if (!from) continue;
      for (const target of targets) {
        const to = layerOf(target);
        if (to && !ALLOWED[from].includes(to)) {
          violations.push(`${path.relative(ROOT, file)} imports ${path.relative(ROOT, target)}: ${WHY[from] || 'test/ is imported by nothing'}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('has no runtime import cycles among project modules', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'visiting');
      stack.push(file);
      for (const next of runtimeGraph.get(file) ?? []) {
        if (!runtimeGraph.has(next)) continue;
        if (state.get(next) === 'visiting') {
          cycles.push(stack.slice(stack.indexOf(next)).concat(next).map((f) => path.relative(ROOT, f)).join(' -> '));
        } else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of runtimeGraph.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it('finds the project sources it checks', () => {
    expect(files.some((f) => layerOf(f) === 'server')).toBe(true);
    expect(files.some((f) => layerOf(f) === 'shared')).toBe(true);
  });
});
