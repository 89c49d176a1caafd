import type { CloseCode } from '../../shared/collab/closeCodes.js';

/** Thrown by a hook or a message handler to close one socket with a code from shared/collab/closeCodes.ts. */
export class CollabRefusal extends Error {
  constructor(
    readonly code: CloseCode,
    message: string,
  ) {
    super(message);
    this.name = 'CollabRefusal';
  }
}
