import type { ReactNode } from 'react';
import * as Y from 'yjs';
import { useYjsVersion } from '../collab/useYjsVersion.js';

const BLOCKS: Record<string, 'p' | 'ul' | 'ol' | 'li'> = {
  paragraph: 'p',
  bulletList: 'ul',
  orderedList: 'ol',
  listItem: 'li',
};

/**
 * A clause body as static text, shown until its editor is mounted (see ClauseBody). Built as React
 * elements from the Yjs fragment, never as HTML, so nothing in the document can inject markup; links are
 * shown as link-styled text and not followed. It updates live as others type.
 */
export function FragmentPreview({ fragment }: { fragment: Y.XmlFragment }) {
  useYjsVersion(fragment, true);
  return <>{fragment.toArray().map(renderNode)}</>;
}

function renderNode(node: Y.XmlElement | Y.XmlText | Y.XmlHook, index: number): ReactNode {
  if (node instanceof Y.XmlText) return renderText(node, index);
  if (!(node instanceof Y.XmlElement)) return null;
  const Tag = BLOCKS[node.nodeName] ?? 'div';
  return <Tag key={index}>{node.toArray().map(renderNode)}</Tag>;
}

function renderText(text: Y.XmlText, key: number): ReactNode {
  const ops = text.toDelta() as Array<{ insert?: unknown; attributes?: Record<string, unknown> }>;
  return (
    <span key={key}>
      {ops.map((op, index) => {
        if (typeof op.insert !== 'string') return null;
        let content: ReactNode = op.insert;
        const marks = op.attributes ?? {};
        if (marks.link) content = <span className="preview-link">{content}</span>;
        if (marks.italic) content = <em>{content}</em>;
        if (marks.bold) content = <strong>{content}</strong>;
        return <span key={index}>{content}</span>;
      })}
    </span>
  );
}
