import { memo } from 'react';
import type * as Y from 'yjs';
import { readParagraphs } from '../../../shared/doc/clauseBody.js';
import { useYjsVersion } from '../../collab/useYjsVersion.js';
import { useYTextValue } from '../../collab/useYTextValue.js';
import { OutlineCommentCount } from '../../comments/OutlineCommentCount.js';
import { clauseName } from './clauseName.js';
import type { NumberedClause } from './useOrderedClauses.js';

/**
 * The side navigation: every clause by number and heading (or, without a heading, the start of its
 * text), sections as group titles. Choosing one scrolls to the clause and puts focus in it. A count
 * beside a clause says how many comment threads on it are open, and opens them.
 */
export function ClauseOutline({ clauses, onJump }: { clauses: NumberedClause[]; onJump: (id: string) => void }) {
  return (
    <nav className="outline" aria-label="Outline">
      <h2 className="outline-title">Outline</h2>
      {clauses.length === 0 ? <p className="muted outline-empty">No clauses yet.</p> : null}
      <ol className="outline-list">
        {clauses.map((clause) => (
          <OutlineItem key={clause.id} id={clause.id} number={clause.number} heading={clause.heading} body={clause.body} onJump={onJump} />
        ))}
      </ol>
    </nav>
  );
}

interface OutlineItemProps {
  id: string;
  number: string | null;
  heading: Y.Text;
  body: Y.XmlFragment;
  onJump: (id: string) => void;
}

const OutlineItem = memo(function OutlineItem({ id, number, heading, body, onJump }: OutlineItemProps) {
  const headingText = useYTextValue(heading).trim();
  const summary = useBodySummary(number !== null && headingText === '' ? body : null);
  const text = headingText || summary || (number ? 'Empty clause' : 'Untitled section');
  return (
    <li className={number ? 'outline-item' : 'outline-item outline-section'}>
      <a
        href={`#clause-${id}`}
        onClick={(event) => {
          event.preventDefault();
          onJump(id);
        }}
      >
        {number ? <span className="outline-number">{number}</span> : null}
        <span className={headingText ? 'outline-text' : 'outline-text outline-text-summary'}>{text}</span>
      </a>
      <OutlineCommentCount clauseId={id} name={clauseName({ number, kind: 'section' }, headingText)} />
    </li>
  );
});

/** The first words of a clause body, for clauses without a heading; follows the text live. */
function useBodySummary(body: Y.XmlFragment | null): string {
  useYjsVersion(body, true);
  if (!body) return '';
  const text = readParagraphs(body).join(' ').trim();
  return text.length > 60 ? `${text.slice(0, 60).trimEnd()}…` : text;
}
