import { Fragment, type ReactNode } from 'react';
import * as Y from 'yjs';
import { proposalAttrs } from '../../shared/amendments/proposals.js';
import { DELETION_MARK, INSERTION_MARK } from '../../shared/doc/schema.js';
import { bracketDelegation, isBracketKey } from '../../shared/negotiation/brackets.js';
import { useYjsVersion } from '../common/collab/useYjsVersion.js';
import type { DelegationNames } from './delegationNames.js';
import { useDelegationNames } from './useDelegationNames.js';

const BLOCKS: Record<string, 'p' | 'ul' | 'ol' | 'li'> = {
  paragraph: 'p',
  bulletList: 'ul',
  orderedList: 'ol',
  listItem: 'li',
};

/**
 * A clause body as static text, shown until its editor is mounted (see ClauseBody). Built as React
 * elements from the Yjs fragment, never as HTML, so nothing in the document can inject markup; links are
 * shown as link-styled text and not followed. Brackets and proposals look as in the editor (BracketMark,
 * proposalMarks.ts), so the page's proposal view applies to previews too. It updates live as others type.
 */
export function FragmentPreview({ fragment }: { fragment: Y.XmlFragment }) {
  useYjsVersion(fragment, true);
  const names = useDelegationNames();
  const renderNode = (node: Y.XmlElement | Y.XmlText | Y.XmlHook, index: number): ReactNode => {
    if (node instanceof Y.XmlText) return renderText(node, index, names);
    if (!(node instanceof Y.XmlElement)) return null;
    const Tag = BLOCKS[node.nodeName] ?? 'div';
    return <Tag key={index}>{node.toArray().map(renderNode)}</Tag>;
  };
  return <>{fragment.toArray().map(renderNode)}</>;
}

/** One line of text (a clause heading) drawn as a preview draws a paragraph: its brackets and proposals marked, live. */
export function TextPreview({ text }: { text: Y.Text }) {
  useYjsVersion(text, true);
  const names = useDelegationNames();
  return renderText(text, 0, names);
}

type DeltaOp = { insert?: unknown; attributes?: Record<string, unknown> };

/** The text's runs, consecutive runs bracketed by one delegation wrapped in one bracket as the editor shows it. */
function renderText(text: Y.Text, key: number, names: DelegationNames): ReactNode {
  const groups: Array<{ delegation: string | null; ops: Array<{ op: DeltaOp; index: number }> }> = [];
  (text.toDelta() as DeltaOp[]).forEach((op, index) => {
    if (typeof op.insert !== 'string') return;
    const delegation = bracketOf(op);
    const last = groups[groups.length - 1];
    if (last && last.delegation !== null && last.delegation === delegation) last.ops.push({ op, index });
    else groups.push({ delegation, ops: [{ op, index }] });
  });
  return (
    <span key={key}>
      {groups.map(({ delegation, ops }) => {
        const runs = ops.map(({ op, index }) => renderRun(op, index, names));
        if (delegation === null) return <Fragment key={`t${ops[0]!.index}`}>{runs}</Fragment>;
        const name = names.nameOf(delegation);
        return (
          <span
            key={`b${ops[0]!.index}`}
            className="bracket"
            data-delegation={delegation}
            data-tag={name ?? ''}
            title={name ? `Bracketed by ${name}` : 'Bracketed'}
          >
            <span className="bracket-text">{runs}</span>
          </span>
        );
      })}
    </span>
  );
}

function renderRun(op: DeltaOp, index: number, names: DelegationNames): ReactNode {
  let content: ReactNode = op.insert as string;
  const marks = op.attributes ?? {};
  if (marks.link) content = <span className="preview-link">{content}</span>;
  if (marks.italic) content = <em>{content}</em>;
  if (marks.bold) content = <strong>{content}</strong>;
  const inserted = proposalAttrs(marks[INSERTION_MARK]);
  const deleted = inserted ? null : proposalAttrs(marks[DELETION_MARK]);
  const proposal = inserted ?? deleted;
  if (proposal) {
    const Tag = inserted ? 'ins' : 'del';
    const name = names.nameOf(proposal.delegation);
    content = (
      <Tag
        className={`proposal proposal-${inserted ? 'insertion' : 'deletion'}`}
        data-proposal-id={proposal.id}
        data-delegation={proposal.delegation}
        data-tag={name ?? ''}
        title={`${inserted ? 'Proposed insertion' : 'Proposed deletion'}${name ? ` by ${name}` : ''}`}
      >
        {content}
      </Tag>
    );
  }
  return <span key={index}>{content}</span>;
}

function bracketOf(op: DeltaOp): string | null {
  let delegation: string | null = null;
  for (const [key, value] of Object.entries(op.attributes ?? {}))
    if (isBracketKey(key)) delegation = bracketDelegation(value) ?? delegation;
  return delegation;
}
