import type * as Y from 'yjs';
import { numberClauses } from '../../shared/doc/numberClauses.js';
import { addOption } from '../../shared/doc/options.js';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { LOCAL_ORIGIN } from '../common/collab/localOrigin.js';
import { negotiationApi } from '../negotiation/index.js';
import type { ClauseActions } from './ClauseActions.js';

export interface OptionActionsContext {
  doc: Y.Doc;
  draftId: string;
  /** Says what happened in the page's live region. */
  announce: (text: string) => void;
  /** Puts focus into a clause's text once it is on the page. */
  focusText: (id: string) => void;
}

/**
 * Adding an option is an edit of the document like adding a clause (LOCAL_ORIGIN, so this person's
 * structure undo takes it back); settling goes through the server, which is the only one allowed to.
 */
export function optionActions({ doc, draftId, announce, focusText }: OptionActionsContext): Pick<ClauseActions, 'addOption' | 'settle'> {
  return {
    addOption(id, noText) {
      const result: { added: string | null } = { added: null };
      doc.transact(() => {
        result.added = addOption(doc, id, { noText });
      }, LOCAL_ORIGIN);
      const added = result.added;
      if (added === null) return;
      // Option places do not depend on the numbering base, so clean numbering is enough here.
      const place = numberClauses(readOrderedClauses(doc)).find((c) => c.id === added)?.option;
      announce(`${place ? `Option ${place.index} of ${place.count}` : 'Option'}${noText ? ', “no text”,' : ''} added.`);
      if (!noText) focusText(added);
    },
    async settle(optionId, root) {
      await negotiationApi.settle(draftId, root, { optionId });
      announce('The clause has been settled on the chosen option.');
    },
  };
}
