import { Fragment } from 'react';
import { bracketGroups } from '../../shared/compare/bracketGroups.js';
import type { RedlineSegment } from '../../shared/compare/DraftComparison.js';
import { proposalGroups, splitTrailingSpace } from '../../shared/export/proposalLabels.js';
import { MarkedText } from './MarkedText.js';
import { ProposalPassage } from './ProposalPassage.js';

/**
 * Word-level redline as React elements: inserted runs in <ins>, deleted ones in <del>, each with its inline
 * marks. Screen readers hear "insertion" / "deletion" from CSS generated content (versions.css), so copied
 * text stays clean. The spaces around a changed run are drawn outside the mark, so "~~Subscribing~~
 * Participating" does not underline or strike the gaps between words. A bracketed passage that spans several
 * segments gets one pair of brackets and one delegation tag (bracketGroups), as in the exports. So does each
 * passage of proposals (amendments mode), dotted and tagged with its delegation and its fate between the
 * versions: "+ United States, new", "− Norway, accepted", "+ Denmark, rejected", or the name alone while pending.
 */
export function RedlineSegments({ segments }: { segments: readonly RedlineSegment[] }) {
  return (
    <>
      {bracketGroups(segments).map((group, groupIndex) => {
        const inner = proposalsView(
          group.bracket
            ? group.runs.map((segment) => ({ ...segment, marks: segment.marks.filter((m) => m.type !== 'bracket') }))
            : group.runs,
        );
        return group.bracket ? (
          <MarkedText key={groupIndex} marks={[group.bracket]}>
            {inner}
          </MarkedText>
        ) : (
          <Fragment key={groupIndex}>{inner}</Fragment>
        );
      })}
    </>
  );
}

function proposalsView(segments: readonly RedlineSegment[]) {
  const plain = (parts: readonly RedlineSegment[]) => parts.map((segment, index) => <Segment key={index} segment={segment} />);
  return proposalGroups(segments, (segment) => segment.proposals ?? []).map((group, p) => {
    if (group.proposals.length === 0) return <Fragment key={p}>{plain(group.runs)}</Fragment>;
    const { core, trail } = splitTrailingSpace(group.runs);
    return (
      <ProposalPassage key={p} proposals={group.proposals} trail={trail.length > 0 ? plain(trail) : undefined}>
        {plain(core)}
      </ProposalPassage>
    );
  });
}

function Segment({ segment }: { segment: RedlineSegment }) {
  if (segment.change === 'equal') return <MarkedText text={segment.text} marks={segment.marks} />;
  const [, before = '', core = '', after = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(segment.text) ?? [];
  if (core === '') return <MarkedText text={segment.text} marks={segment.marks} />;
  const text = <MarkedText text={core} marks={segment.marks} />;
  return (
    <span>
      {before}
      {segment.change === 'inserted' ? <ins className="redline-ins">{text}</ins> : <del className="redline-del">{text}</del>}
      {after}
    </span>
  );
}
