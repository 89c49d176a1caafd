import type { CSSProperties } from 'react';
import type { RedlineParagraph } from '../../shared/compare/DraftComparison.js';
import { RedlineSegments } from './RedlineSegments.js';

/**
 * A clause body in the redline: one line per paragraph, indented by its list depth, with the bullet or
 * item number where a list item starts (the comparison flattens lists so paragraphs can be matched).
 */
export function RedlineParagraphs({ paragraphs }: { paragraphs: readonly RedlineParagraph[] }) {
  if (paragraphs.length === 0) return <p className="muted version-empty-text">No text.</p>;
  return (
    <>
      {paragraphs.map((paragraph, index) => {
        const level = paragraph.list.at(-1);
        const style = { '--list-depth': paragraph.list.length } as CSSProperties;
        return (
          <p
            key={index}
            className={`redline-paragraph redline-paragraph-${paragraph.change}${level ? ' redline-list-item' : ''}`}
            style={style}
          >
            {level && paragraph.startsItem ? (
              <span className="redline-marker">{level.type === 'orderedList' ? `${level.item}.` : '•'}</span>
            ) : null}
            <RedlineSegments segments={paragraph.segments} />
          </p>
        );
      })}
    </>
  );
}
