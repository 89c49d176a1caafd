import { defineConfig } from 'vitest/config';

/** What every project shares: timeouts, one process per test file, and what is never a test. */
const common = {
  exclude: ['**/node_modules/**', 'dist', 'test/bench/**', 'bench/**'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: 'forks' as const,
};

/**
 * Two projects, both run by `vitest run` (pick one with `--project <name>`):
 * - default: every test, the reliability battery included, its servers on the embedded store (DATA_DIR);
 * - reliability-postgres: the reliability battery again, each of its servers on a PostgreSQL database of
 *   its own (TEST_STORE=postgres, test/helpers/testStore.ts).
 * Reporters are the whole run's: the summary line counts the tests of both.
 */
export default defineConfig({
  test: {
    reporters: ['default', './test/helpers/summaryReporter.ts'],
    projects: [
      {
        test: {
          ...common,
          name: 'default',
          include: ['test/**/*.test.ts', 'shared/**/*.test.ts', 'server/**/*.test.ts'],
        },
      },
      {
        test: {
          ...common,
          name: 'reliability-postgres',
          include: ['test/reliability/**/*.test.ts'],
          env: { TEST_STORE: 'postgres' },
        },
      },
    ],
  },
});
