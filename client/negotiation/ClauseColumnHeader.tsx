import type * as Y from 'yjs';
import { useYTextValue } from '../collab/useYTextValue.js';
import { OutlineStatusMarker } from './OutlineStatusMarker.js';

/** A clause's column in the positions matrix: its number, its status marker, and its heading as the title. */
export function ClauseColumnHeader({ clauseId, number, heading }: { clauseId: string; number: string; heading: Y.Text }) {
  const text = useYTextValue(heading).trim();
  return (
    <th scope="col" className="matrix-clause" title={text || undefined} data-clause-id={clauseId}>
      <span className="matrix-clause-number">{number}</span>
      <OutlineStatusMarker clauseId={clauseId} />
      {text ? <span className="visually-hidden">, {text}</span> : null}
    </th>
  );
}
