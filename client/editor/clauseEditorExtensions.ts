import type { Extensions } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import StarterKit from '@tiptap/starter-kit';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { CommentHighlights } from '../comments/index.js';
import { FindHighlights } from '../find/index.js';
import { BracketMark } from './bracketMark.js';
import { delegationNames } from './delegationNames.js';
import { isAllowedLinkHref } from './isAllowedLinkHref.js';
import { othersAwareness } from './othersAwareness.js';
import { DeletionMark, InsertionMark } from './proposalMarks.js';
import { Proposing } from './proposing/proposingExtension.js';
import { renderCaret } from './renderCaret.js';
import { TypedBracket } from './typedBracket.js';

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export interface ClauseEditorExtensionOptions {
  /** The clause body the editor binds to. */
  fragment: Y.XmlFragment;
  /** Supplies awareness for the other people's carets. */
  provider: WebsocketProvider;
  /** What this page says about itself in presence; the server replaces it with its own record for everyone else. */
  user: { name: string; delegation: string | null };
  /** The delegation id whose bracket "[…]" typed here becomes; null (not a delegate) keeps typed brackets as characters. @default null */
  bracketFor?: string | null;
  /** The clause this body belongs to, for Find's marks. @default '' (none) */
  clauseId?: string;
  /** The delegation this member's changes are proposals of (a delegate in amendments mode); null edits directly. @default null */
  proposeAs?: string | null;
  /** Told why a change could not be proposed. @default nothing */
  onProposalRefused?: (reason: string) => void;
}

/**
 * The editing vocabulary of a clause body: paragraphs, bold, italic, bullet and numbered lists and links
 * (http, https, mailto only), nothing else, so pasted headings, code or quotes turn into plain paragraphs.
 * Undo is Yjs's (Collaboration), which takes back only this person's own typing in this clause.
 * CommentHighlights marks the passages comment threads are anchored on (the page feeds it the threads).
 * Brackets (BracketMark) carry their delegation's id and show its name as a tag; a delegate may also type
 * them (TypedBracket). FindHighlights marks what Find in this draft finds.
 * Proposals (amendments mode) are the marks `insertion` and `deletion`, in every mode since a draft back in
 * direct mode still holds those made before; with `proposeAs`, Proposing turns this member's changes into
 * proposals of that delegation.
 */
export function clauseEditorExtensions({
  fragment,
  provider,
  user,
  bracketFor = null,
  clauseId = '',
  proposeAs = null,
  onProposalRefused = () => {},
}: ClauseEditorExtensionOptions): Extensions {
  return [
    StarterKit.configure({
      heading: false,
      blockquote: false,
      code: false,
      codeBlock: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      hardBreak: false,
      dropcursor: false,
      gapcursor: false,
      trailingNode: false,
      undoRedo: false,
      link: {
        openOnClick: false,
        autolink: true,
        linkOnPaste: true,
        defaultProtocol: 'https',
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
        isAllowedUri: (url) => isAllowedLinkHref(url),
        // Typed addresses without a scheme (www.example.org) are linked as https.
        shouldAutoLink: (text) => isAllowedLinkHref(HAS_SCHEME.test(text) ? text : `https://${text}`),
      },
    }),
    Collaboration.configure({ fragment }),
    // Only other people's presence changes reach the carets (see othersAwareness).
    CollaborationCaret.configure({ provider: { awareness: othersAwareness(provider.awareness) }, user, render: renderCaret }),
    CommentHighlights,
    BracketMark.configure({ names: delegationNames }),
    InsertionMark.configure({ names: delegationNames }),
    DeletionMark.configure({ names: delegationNames }),
    Proposing.configure({ delegation: proposeAs, onRefused: onProposalRefused }),
    TypedBracket.configure({ delegation: bracketFor }),
    FindHighlights.configure({ clauseId }),
  ];
}
