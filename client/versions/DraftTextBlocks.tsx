import type { Block } from '../../shared/export/DraftText.js';
import { MarkedText } from './MarkedText.js';

/** A clause body from the DraftText model (paragraphs and nested lists) as React elements, as the editor shows it. */
export function DraftTextBlocks({ blocks }: { blocks: readonly Block[] }) {
  return (
    <>
      {blocks.map((block, index) => (
        <BlockView key={index} block={block} />
      ))}
    </>
  );
}

function BlockView({ block }: { block: Block }) {
  if (block.type === 'paragraph') {
    return (
      <p>
        {block.content.map((inline, index) => (
          <MarkedText key={index} text={inline.text} marks={inline.marks} />
        ))}
      </p>
    );
  }
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
