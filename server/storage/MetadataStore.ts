import type { Metadata } from './MetadataSchema.js';

/**
 * The port domain services use for metadata. `read` gives the current state (do not mutate it);
 * `update` applies a mutation and resolves only once it is durable on disk. Updates run one at a
 * time, in call order. If persisting fails the in-memory state is rolled back and the call rejects,
 * so an answered request always matches what is on disk.
 */
export interface MetadataStore {
  read(): Readonly<Metadata>;
  update<T>(mutate: (data: Metadata) => T): Promise<T>;
  close(): Promise<void>;
}
