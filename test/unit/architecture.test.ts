import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layout rule of ARCHITECTURE.md, checked on every test run:
 * client -> shared <- server, test -> anything, nothing imports test/, and no import cycles.
 * Inside client/, the feature rule: each folder under client/ but common/, styles/ and public/ is a
 * feature; another feature (or the app shell at the root of client/) uses it only through its public
 * entry, index.ts; common/ depends on no feature. The one exception: the router, client/App.tsx, names
 * page modules (`*Page.tsx`) directly, and no index.ts exports one, so pages loaded with import() stay
 * in chunks of their own instead of being pulled into the first one through an entry.
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
const graph = new Map<string, string[]>(files.map((f) => [f, relativeImports(f, { typeOnly: true }).map((t) => resolveSource(t) ?? t)]));
/** Imports that run code: a cycle among these can leave a module half-initialised when another loads it. */
const runtimeGraph = new Map<string, string[]>(
  files.map((f) => [f, relativeImports(f, { typeOnly: false }).map((t) => resolveSource(t) ?? t)]),
);

const CLIENT = path.join(ROOT, 'client');
/** Folders of client/ that are not features: what every feature may use, stylesheets, static files. */
const NOT_FEATURES = new Set(['common', 'styles', 'public']);
/** The router: the one module allowed to name another feature's page modules. */
const ROUTER = path.join(CLIENT, 'App.tsx');

/** The client folder a file belongs to ('draft', 'common' ...), or '' for the app shell at the root of client/. */
function clientFolderOf(file: string): string | null {
  const parts = path.relative(CLIENT, file).split(path.sep);
  if (parts[0] === '..' || path.isAbsolute(parts[0] ?? '')) return null;
  return parts.length > 1 ? (parts[0] ?? '') : '';
}

function featureOf(file: string): string | null {
  const folder = clientFolderOf(file);
  return folder && !NOT_FEATURES.has(folder) ? folder : null;
}

function isPublicEntry(file: string): boolean {
  const feature = featureOf(file);
  return feature !== null && file === path.join(CLIENT, feature, 'index.ts');
}

/** A route's page: `<Name>Page.tsx` directly in its feature's folder. */
function isPageModule(file: string): boolean {
  const feature = featureOf(file);
  return feature !== null && path.dirname(file) === path.join(CLIENT, feature) && /Page\.tsx$/.test(file);
}

const rel = (file: string) => path.relative(ROOT, file);

/** Every import that breaks the feature rule, each with what to do instead. */
function featureViolations(imports: ReadonlyMap<string, readonly string[]>): string[] {
  const violations: string[] = [];
  for (const [file, targets] of imports) {
    const from = clientFolderOf(file);
    if (from === null) continue;
    for (const target of targets) {
      const feature = featureOf(target);
      if (feature === null || feature === from) continue;
      if (from === 'common') {
        violations.push(
          `${rel(file)} imports ${rel(target)}: client/common/ holds what several features share and depends on no feature; ` +
            `move what it needs from client/${feature}/ into client/common/, or move the importing module into client/${feature}/`,
        );
      } else if (!isPublicEntry(target) && !(file === ROUTER && isPageModule(target))) {
        const who = from === '' ? 'the app shell' : `the ${from} feature`;
        violations.push(
          `${rel(file)} imports ${rel(target)}, inside the ${feature} feature: ${who} may use another feature only through its ` +
            `public entry; import it from client/${feature}/index.ts (export it there if it is missing), or move it to client/common/ ` +
            `if several features need it (only client/App.tsx may name a page module, to load it)`,
        );
      }
    }
    if (isPublicEntry(file)) {
      for (const target of targets.filter(isPageModule)) {
        violations.push(
          `${rel(file)} exports the page module ${rel(target)}: a page re-exported from a feature's entry is pulled into every chunk ` +
            `that imports the entry (a lazily loaded page would land in the first chunk); only client/App.tsx names pages, directly`,
        );
      }
    }
  }
  return violations;
}

describe('architecture', () => {
  it('imports only flow client -> shared <- server, and nothing outside test/ imports test/', () => {
    const violations: string[] = [];
    for (const [file, targets] of graph) {
      const from = layerOf(file);
      if (!from) continue;
      for (const target of targets) {
        const to = layerOf(target);
        if (to && !ALLOWED[from].includes(to)) {
          violations.push(
            `${path.relative(ROOT, file)} imports ${path.relative(ROOT, target)}: ${WHY[from] || 'test/ is imported by nothing'}`,
          );
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
          cycles.push(
            stack
              .slice(stack.indexOf(next))
              .concat(next)
              .map((f) => path.relative(ROOT, f))
              .join(' -> '),
          );
        } else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of runtimeGraph.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it('lets a client feature use another only through its index.ts, and common/ use no feature', () => {
    expect(featureViolations(graph)).toEqual([]);
  });

  it('gives every client feature a public entry, index.ts', () => {
    const features = readdirSync(CLIENT).filter((name) => !NOT_FEATURES.has(name) && statSync(path.join(CLIENT, name)).isDirectory());
    expect(features.length).toBeGreaterThan(5);
    const missing = features.filter((feature) => !files.includes(path.join(CLIENT, feature, 'index.ts')));
    expect(
      missing.map((feature) => `client/${feature}/ has no index.ts: add one exporting what other features may use (it may export nothing)`),
    ).toEqual([]);
  });

  it('reports a deep import into another feature, a feature in common/, and a page in an entry, naming what to do', () => {
    const at = (file: string) => path.join(CLIENT, file);
    const violations = featureViolations(
      new Map([
        [
          at('draft/ClauseCard.tsx'),
          [at('comments/ClauseCommentsButton.tsx'), at('comments/index.ts'), at('common/draft/clauseName.ts'), at('styles/draft.css')],
        ],
        [at('common/draft/useOrderedClauses.ts'), [at('negotiation/index.ts')]],
        [at('versions/index.ts'), [at('versions/HistoryPage.tsx')]],
        [at('App.tsx'), [at('versions/HistoryPage.tsx'), at('session/index.ts'), at('session/AppHeader.tsx')]],
        [at('main.tsx'), [at('draft/DraftPage.tsx')]],
      ]),
    );
    expect(violations).toEqual([
      expect.stringMatching(
        /^client\/draft\/ClauseCard\.tsx imports client\/comments\/ClauseCommentsButton\.tsx, inside the comments feature: .*import it from client\/comments\/index\.ts/,
      ),
      expect.stringMatching(
        /^client\/common\/draft\/useOrderedClauses\.ts imports client\/negotiation\/index\.ts: client\/common\/ .* depends on no feature/,
      ),
      expect.stringMatching(/^client\/versions\/index\.ts exports the page module client\/versions\/HistoryPage\.tsx/),
      expect.stringMatching(/^client\/App\.tsx imports client\/session\/AppHeader\.tsx, inside the session feature: the app shell may use/),
      expect.stringMatching(/^client\/main\.tsx imports client\/draft\/DraftPage\.tsx, inside the draft feature: the app shell may use/),
    ]);
  });

  it('finds the project sources it checks', () => {
    expect(files.some((f) => layerOf(f) === 'server')).toBe(true);
    expect(files.some((f) => layerOf(f) === 'shared')).toBe(true);
  });
});
