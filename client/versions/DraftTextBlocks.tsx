import { Fragment } from 'react';
import { bracketGroups } from '../../shared/compare/bracketGroups.js';
import type { Block, Inline } from '../../shared/export/DraftText.js';
import { markProposalGroups, splitTrailingSpace } from '../../shared/export/proposalLabels.js';
import { MarkedText } from './MarkedText.js';
import { ProposalPassage } from './ProposalPassage.js';

/**
 * A clause body from the DraftText model (paragraphs and nested lists) as React elements, as the editor shows
 * it. Each bracketed passage shows one pair of brackets and its delegation's tag, however many runs (bold, a
 * link) it spans, as the exports print it; so does each proposal (amendments mode), underlined or struck
 * through and tagged with its delegation (ProposalPassage).
 */
export function DraftTextBlocks({ blocks }: { blocks: readonly Block[] }) {
  return (
    <>
      {blocks.map((block, index) => (
        <BlockView key={index} block={block} />
      ))}
    </>
  );
}

/** One line of runs (a heading that holds proposals), drawn as a paragraph's runs are. */
export function DraftTextRuns({ runs }: { runs: readonly Inline[] }) {
  return <>{runsView(runs)}</>;
}

function BlockView({ block }: { block: Block }) {
  if (block.type === 'paragraph') return <p>{runsView(block.content)}</p>;
  const List = block.type === 'orderedList' ? 'ol' : 'ul';
  return (
    <List>
      {block.items.map((item, index) => (
        <li key={index}>
          <DraftTextBlocks blocks={item} />
        </li>
      ))}
    </List>
  );
}

function runsView(runs: readonly Inline[]) {
  return bracketGroups(runs).map((group, g) => {
    const inner = proposalsView(group.runs);
    return <Fragment key={g}>{group.bracket === null ? inner : <MarkedText marks={[group.bracket]}>{inner}</MarkedText>}</Fragment>;
  });
}

function proposalsView(runs: readonly Inline[]) {
  const plain = (parts: readonly Inline[]) =>
    parts.map((run, index) => (
      <MarkedText key={index} text={run.text} marks={run.marks.filter((mark) => mark.type !== 'bracket' && mark.type !== 'proposal')} />
    ));
  return markProposalGroups(runs).map((group, p) => {
    if (group.proposals.length === 0) return <Fragment key={p}>{plain(group.runs)}</Fragment>;
    const { core, trail } = splitTrailingSpace(group.runs);
    return (
      <ProposalPassage key={p} proposals={group.proposals} trail={trail.length > 0 ? plain(trail) : undefined}>
        {plain(core)}
      </ProposalPassage>
    );
  });
}
