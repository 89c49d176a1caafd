import * as Y from 'yjs';

/** The origin of the trial transactions (never seen by the live document). */
const TRIAL = Symbol('trial');

/**
 * A replica of a draft's live document on which a member's update is tried before the live document takes
 * it: what the update would do can then be read as a finished transaction (what it changed, before and
 * after) without anything reaching the live document, the other members or the disk. The replica follows
 * every change the live document accepts; a tried update that is then refused leaves it ahead of the live
 * document, so it is discarded and built afresh when next needed.
 */
export class TrialDocument {
  private replica: Y.Doc | null = null;
  private readonly follow = (update: Uint8Array, origin: unknown) => {
    if (origin !== TRIAL && this.replica) Y.applyUpdate(this.replica, update, TRIAL);
  };

  /**
   * @param typeRoots gives the replica's root types their types before anything is applied to it: a root
   *   first met in an update is an untyped placeholder that asking for its type later replaces, and the
   *   transactions would then name an object the rules never see.
   */
  constructor(
    private readonly live: Y.Doc,
    private readonly typeRoots: (doc: Y.Doc) => void,
  ) {
    live.on('update', this.follow);
  }

  /** The replica as it is: after a `tryUpdate`, the state the update would leave. */
  get doc(): Y.Doc {
    return (this.replica ??= this.build());
  }

  /**
   * Applies `update` to the replica and returns the transaction it made (null when it changed nothing the
   * replica can integrate now). Follow with `accepted` or `discard`.
   */
  tryUpdate(update: Uint8Array): Y.Transaction | null {
    const replica = this.doc;
    let made: Y.Transaction | null = null;
    const note = (transaction: Y.Transaction) => {
      if (transaction.origin === TRIAL) made = transaction;
    };
    replica.on('afterTransaction', note);
    try {
      Y.applyUpdate(replica, update, TRIAL);
    } finally {
      replica.off('afterTransaction', note);
    }
    return made;
  }

  /** The tried update will not reach the live document: the replica is rebuilt from it when next needed. */
  discard(): void {
    this.replica?.destroy();
    this.replica = null;
  }

  destroy(): void {
    this.live.off('update', this.follow);
    this.discard();
  }

  private build(): Y.Doc {
    const replica = new Y.Doc({ gc: this.live.gc });
    this.typeRoots(replica);
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(this.live), TRIAL);
    return replica;
  }
}
