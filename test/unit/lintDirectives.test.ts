import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|mjs)$/.test(name) ? [full] : [];
  });
}

describe('lint suppressions', () => {
  it('say why, on the same line, after `--`', () => {
    const unexplained: string[] = [];
    for (const file of ['client', 'server', 'shared', 'test'].flatMap((dir) => sourceFiles(path.join(ROOT, dir)))) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          const directive = /(\/\/|\/\*)\s*eslint-disable/.test(line);
          if (directive && !/eslint-disable(-next-line|-line)?\s+[\w@/-]+(,\s*[\w@/-]+)*\s+--\s+\S/.test(line)) {
            unexplained.push(`${path.relative(ROOT, file)}:${index + 1}: ${line.trim()}`);
          }
        });
    }
    expect(unexplained).toEqual([]);
  });
});
