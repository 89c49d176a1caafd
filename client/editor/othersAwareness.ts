import { Observable } from 'lib0/observable';
import type { Awareness } from 'y-protocols/awareness';

/** What an awareness event says changed: client ids. */
interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * A draft's awareness as the clause editors' caret plugins see it: the same states, read and written
 * through to the real one, but 'change' and 'update' are only passed on when they concern someone else.
 *
 * Why: y-prosemirror's caret plugin answers every awareness change with a transaction in every mounted
 * editor, and this page's own caret moves with every keystroke. Every clause on and near the screen has
 * its editor mounted (ClauseBody), a dozen or more on a long draft, so each keystroke cost as many
 * transactions, toolbar updates included, for nothing: no editor draws this page's own caret. Other
 * people's changes still reach every editor.
 */
class OthersAwareness extends Observable<string> {
  readonly clientID: number;

  constructor(private readonly awareness: Awareness) {
    super();
    this.clientID = awareness.clientID;
    const forward = (name: 'change' | 'update') => (changes: AwarenessChanges, origin: unknown) => {
      if (concernsOthers(changes, this.clientID)) this.emit(name, [changes, origin]);
    };
    const onChange = forward('change');
    const onUpdate = forward('update');
    awareness.on('change', onChange);
    awareness.on('update', onUpdate);
    awareness.once('destroy', () => {
      awareness.off('change', onChange);
      awareness.off('update', onUpdate);
      this.destroy();
    });
  }

  get doc() {
    return this.awareness.doc;
  }

  get states() {
    return this.awareness.states;
  }

  getStates() {
    return this.awareness.getStates();
  }

  getLocalState() {
    return this.awareness.getLocalState();
  }

  setLocalStateField(field: string, value: unknown): void {
    this.awareness.setLocalStateField(field, value);
  }
}

function concernsOthers({ added, updated, removed }: AwarenessChanges, own: number): boolean {
  return added.some((id) => id !== own) || updated.some((id) => id !== own) || removed.some((id) => id !== own);
}

const views = new WeakMap<Awareness, OthersAwareness>();

/** The one OthersAwareness of `awareness`, shared by all editors of the page. */
export function othersAwareness(awareness: Awareness): OthersAwareness {
  let view = views.get(awareness);
  if (!view) views.set(awareness, (view = new OthersAwareness(awareness)));
  return view;
}
