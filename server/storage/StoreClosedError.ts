/** Thrown by a document store used after close(): a late write must fail loudly, not vanish. */
export class StoreClosedError extends Error {
  constructor() {
    super('The document store is closed.');
    this.name = 'StoreClosedError';
  }
}
