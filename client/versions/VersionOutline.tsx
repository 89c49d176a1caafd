import type { ClauseText } from '../../shared/export/DraftText.js';

/** The side navigation of a saved version, like the editor's outline: clauses by number and heading, sections as group titles. */
export function VersionOutline({ clauses }: { clauses: readonly ClauseText[] }) {
  return (
    <nav className="outline" aria-label="Outline">
      <h2 className="outline-title">Outline</h2>
      {clauses.length === 0 ? <p className="muted outline-empty">No clauses.</p> : null}
      <ol className="outline-list">
        {clauses.map((clause) => (
          <li key={clause.id} className={clause.number ? 'outline-item' : 'outline-item outline-section'}>
            <a href={`#clause-${clause.id}`}>
              {clause.number ? <span className="outline-number">{clause.number}</span> : null}
              <span className={clause.heading ? 'outline-text' : 'outline-text outline-text-summary'} title={outlineText(clause)}>
                {outlineText(clause)}
              </span>
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The heading, or for a clause without one the first words of its text. */
function outlineText(clause: ClauseText): string {
  if (clause.heading.trim()) return clause.heading.trim();
  if (!clause.number) return 'Untitled section';
  const first = clause.blocks.find((block) => block.type === 'paragraph');
  const words =
    first?.type === 'paragraph'
      ? first.content
          .map((inline) => inline.text)
          .join('')
          .trim()
      : '';
  return words ? (words.length > 80 ? `${words.slice(0, 80)}…` : words) : 'Empty clause';
}
