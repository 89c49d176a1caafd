import { afterAll, onTestFinished } from 'vitest';

/** Clean-ups for things started outside a test (in beforeAll or at file level), run when the file ends. */
const fileTeardowns: Array<() => unknown> = [];

// Registered when a test file first imports this module (each file gets its own module instance), so it
// belongs to the file's root suite. Hooks registered from inside beforeAll are never run by vitest 4,
// which is why helpers must not call afterAll themselves.
afterAll(async () => {
  const errors: unknown[] = [];
  for (const teardown of fileTeardowns.splice(0).reverse()) {
    try {
      await teardown();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors[0];
});

/**
 * Runs `fn` when the current test ends, or when the test file ends if called outside a test (in beforeAll
 * or at file level). Every helper that starts a server, a browser or a socket registers its clean-up here.
 */
export function registerTeardown(fn: () => unknown): void {
  try {
    onTestFinished(async () => {
      await fn();
    });
  } catch {
    fileTeardowns.push(fn);
  }
}
