import type { CloseCode } from '../../shared/collab/closeCodes.js';

/**
 * Thrown to refuse what a client sent or asked for, with a code from shared/collab/closeCodes.ts: the
 * client's session in the draft ends with it (the websocket layer closes that one socket with the code).
 */
export class RoomRefusal extends Error {
  constructor(
    readonly code: CloseCode,
    message: string,
  ) {
    super(message);
    this.name = 'RoomRefusal';
  }
}
