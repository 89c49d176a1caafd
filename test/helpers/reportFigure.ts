import { testStore } from './testStore.js';

/**
 * Prints one measured figure as `[guarantee] [store: <store>] <name>: <value>`, so the figures quoted in
 * the README's Guarantees section (test/reliability/GUARANTEES.md) can be read back from any test run:
 * `npx vitest run test/reliability | grep '\[guarantee\]'`. The store (testStore: embedded or postgres)
 * is the one the battery's servers ran on, since the battery runs once on each.
 */
export function reportFigure(name: string, value: string | number): void {
  console.info(`[guarantee] [store: ${testStore()}] ${name}: ${value}`);
}
