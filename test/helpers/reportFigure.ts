/**
 * Prints one measured figure as `[guarantee] <name>: <value>`, so the figures quoted in the README's
 * Guarantees section (test/reliability/GUARANTEES.md) can be read back from any test run:
 * `npx vitest run test/reliability | grep '\[guarantee\]'`.
 */
export function reportFigure(name: string, value: string | number): void {
  console.info(`[guarantee] ${name}: ${value}`);
}
