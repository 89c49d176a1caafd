import type * as Y from 'yjs';
import { CLOSE_CODE } from '../../shared/collab/closeCodes.js';
import { RoomRefusal } from '../rooms/RoomRefusal.js';
import { SharedFrame } from './SharedFrame.js';
import { encodeSyncStep2 } from './syncMessages.js';

/** The state vector of an empty document: what a client opening the draft afresh sends in its sync step 1. */
const EMPTY_STATE_VECTOR = Uint8Array.of(0);

/**
 * Sync step 2 answers for one document. Almost every joiner opens the draft with an empty document, so
 * that answer (the whole state) is encoded and framed once and shared until the document changes: a
 * burst of joiners costs one encoding, not one each. Other state vectors are answered fresh.
 */
export class SyncStep2Cache {
  private forFreshJoiner: SharedFrame | null = null;

  constructor(private readonly doc: Y.Doc) {}

  /** The document changed: the cached answer is stale. */
  invalidate(): void {
    this.forFreshJoiner = null;
  }

  /** Sync step 2 for a client's state vector; throws RoomRefusal (MALFORMED_MESSAGE) when it does not decode. */
  answer(stateVector: Uint8Array): Uint8Array | SharedFrame {
    if (stateVector.byteLength === 1 && stateVector[0] === EMPTY_STATE_VECTOR[0]) {
      this.forFreshJoiner ??= new SharedFrame(encodeSyncStep2(this.doc, EMPTY_STATE_VECTOR));
      return this.forFreshJoiner;
    }
    try {
      return encodeSyncStep2(this.doc, stateVector);
    } catch (error) {
      throw new RoomRefusal(CLOSE_CODE.MALFORMED_MESSAGE, `unreadable state vector: ${(error as Error).message}`);
    }
  }
}
