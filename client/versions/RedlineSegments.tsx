import type { RedlineSegment } from '../../shared/compare/DraftComparison.js';
import { MarkedText } from './MarkedText.js';

/**
 * Word-level redline as React elements: inserted runs in <ins>, deleted ones in <del>, each with its inline
 * marks. Screen readers hear "insertion" / "deletion" from CSS generated content (versions.css), so copied
 * text stays clean. The spaces around a changed run are drawn outside the mark, so "~~Subscribing~~
 * Participating" does not underline or strike the gaps between words.
 */
export function RedlineSegments({ segments }: { segments: readonly RedlineSegment[] }) {
  return (
    <>
      {segments.map((segment, index) => {
        if (segment.change === 'equal') return <MarkedText key={index} text={segment.text} marks={segment.marks} />;
        const [, before = '', core = '', after = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(segment.text) ?? [];
        if (core === '') return <MarkedText key={index} text={segment.text} marks={segment.marks} />;
        const text = <MarkedText text={core} marks={segment.marks} />;
        return (
          <span key={index}>
            {before}
            {segment.change === 'inserted' ? <ins className="redline-ins">{text}</ins> : <del className="redline-del">{text}</del>}
            {after}
          </span>
        );
      })}
    </>
  );
}
