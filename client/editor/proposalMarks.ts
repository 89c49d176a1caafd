import { Mark } from '@tiptap/core';
import type { Mark as PMMark } from '@tiptap/pm/model';
import type { MarkView, ViewMutationRecord } from '@tiptap/pm/view';
import { DELETION_MARK, INSERTION_MARK } from '../../shared/doc/schema.js';
import { NO_NAMES } from './bracketMark.js';
import type { DelegationNames } from './delegationNames.js';

export interface ProposalMarkOptions {
  /** Where the delegation tag of each proposal gets its name. @default no names (tags stay empty) */
  names: DelegationNames;
}

type ProposalKind = 'insertion' | 'deletion';

/** What each mark is called in the document (shared/doc/schema.ts), which element shows it, and how its title reads. */
const KIND: Record<ProposalKind, { name: string; tag: 'ins' | 'del'; title: string }> = {
  insertion: { name: INSERTION_MARK, tag: 'ins', title: 'Proposed insertion' },
  deletion: { name: DELETION_MARK, tag: 'del', title: 'Proposed deletion' },
};

/**
 * The two proposal marks of amendments mode (shared/doc/schema.ts): `insertion` on proposed new text and
 * `deletion` on accepted text proposed for deletion, each with { id, delegation }. y-prosemirror stores
 * them as the Yjs formatting attributes insertion={id, delegation} and deletion={id, delegation}, under
 * exactly those keys because the marks keep ProseMirror's default `excludes` (a mark that may overlap
 * itself would be stored as `insertion--<hash>`, which the server and shared/amendments do not read).
 *
 * Only the proposing plugin (proposing/proposingExtension.ts) writes them; they are not inclusive, so
 * typing at a proposal's edge never joins it (the plugin decides which proposal new text belongs to).
 * Priority just under the bracket's: a proposal is drawn outside bold, italic and links, so a bold word
 * inside an insertion does not split it into two tagged passages.
 *
 * Shown as <ins class="proposal proposal-insertion" data-proposal-id data-delegation data-tag="United
 * States"> (and <del class="proposal proposal-deletion" …>): the page styles and hides them per view by
 * these classes and colours each delegation's by data-delegation; the tag is drawn by CSS (proposals.css),
 * so it is never part of the text.
 */
function proposalMark(kind: ProposalKind) {
  const { name, tag, title } = KIND[kind];
  return Mark.create<ProposalMarkOptions>({
    name,
    priority: 1050,
    inclusive: false,

    addOptions() {
      return { names: NO_NAMES };
    },

    addAttributes() {
      return {
        id: {
          default: null,
          parseHTML: (element) => element.getAttribute('data-proposal-id'),
          renderHTML: (attributes) => (attributes.id ? { 'data-proposal-id': String(attributes.id) } : {}),
        },
        delegation: {
          default: null,
          parseHTML: (element) => element.getAttribute('data-delegation'),
          renderHTML: (attributes) => (attributes.delegation ? { 'data-delegation': String(attributes.delegation) } : {}),
        },
      };
    },

    parseHTML() {
      return [{ tag: `${tag}.proposal[data-proposal-id]` }];
    },

    renderHTML({ mark, HTMLAttributes }) {
      return [tag, { ...HTMLAttributes, ...tagAttributes(mark, this.options.names), class: `proposal proposal-${kind}` }, 0];
    },

    addMarkView() {
      const names = this.options.names;
      return ({ mark }) => proposalView(kind, mark, names, title);
    },
  });
}

export const InsertionMark = proposalMark('insertion');
export const DeletionMark = proposalMark('deletion');

/** The delegation of a proposal mark, or null when the attribute is missing. */
function delegationOf(mark: PMMark): string | null {
  return typeof mark.attrs.delegation === 'string' ? mark.attrs.delegation : null;
}

/** The tag of a proposal: its delegation's name, '' while not known. */
function tagAttributes(mark: PMMark, names: DelegationNames): { 'data-tag': string } {
  const delegation = delegationOf(mark);
  return { 'data-tag': (delegation ? names.nameOf(delegation) : null) ?? '' };
}

/** The DOM of one proposal passage, whose tag follows the names as they load. */
function proposalView(kind: ProposalKind, mark: PMMark, names: DelegationNames, title: string): MarkView {
  const dom = document.createElement(KIND[kind].tag);
  dom.className = `proposal proposal-${kind}`;
  const id = typeof mark.attrs.id === 'string' ? mark.attrs.id : '';
  dom.dataset.proposalId = id;
  const delegation = delegationOf(mark);
  if (delegation) dom.dataset.delegation = delegation;
  const show = () => {
    const { 'data-tag': tag } = tagAttributes(mark, names);
    dom.dataset.tag = tag;
    dom.title = tag ? `${title} by ${tag}` : title;
  };
  show();
  const unsubscribe = names.subscribe(show);
  return {
    dom,
    contentDOM: dom,
    // The tag and title are ours, not content: changing them must not make ProseMirror re-read the text.
    ignoreMutation: (mutation: ViewMutationRecord) => mutation.type === 'attributes' && mutation.target === dom,
    destroy: unsubscribe,
  };
}
