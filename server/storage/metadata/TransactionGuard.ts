import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Knows whether the caller runs inside a metadata transaction's work, so that a write or transaction
 * through the outer repositories there is refused: it would wait for the transaction, which waits for it.
 * Shared by LowdbMetadata and PgMetadata, which each keep one for all their instances.
 *
 * A guard against a programming mistake, kept out of production: once an AsyncLocalStorage is in use, Node
 * tracks every promise the process makes, which cost the sync server about 10 % more CPU per update
 * (`npm run bench`, S2). Tests, which run every path, keep it on.
 */
export class TransactionGuard {
  private readonly inside = process.env.NODE_ENV === 'production' ? null : new AsyncLocalStorage<true>();

  /** Runs a transaction's `work`, marked as inside it until it settles. */
  run<T>(work: () => Promise<T>): Promise<T> {
    return this.inside ? this.inside.run(true, work) : work();
  }

  /** The error a write or transaction started from inside a transaction's work fails with; null elsewhere (and in production). */
  misuse(): Error | null {
    if (!this.inside?.getStore()) return null;
    return new Error(
      'A metadata write inside a transaction must go through the repositories the transaction passed in (it would wait for itself).',
    );
  }
}
