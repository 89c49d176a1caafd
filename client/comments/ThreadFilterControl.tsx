import { useId } from 'react';
import { THREAD_FILTER_LABEL, type ThreadFilter } from './ThreadFilter.js';

const FILTERS: ThreadFilter[] = ['open', 'resolved', 'all'];

export interface ThreadFilterControlProps {
  filter: ThreadFilter;
  /** How many threads each choice would show. */
  counts: Record<ThreadFilter, number>;
  onChange: (filter: ThreadFilter) => void;
}

/** Open / Resolved / All as one radio group (arrow keys move between them), each with its count. */
export function ThreadFilterControl({ filter, counts, onChange }: ThreadFilterControlProps) {
  const name = useId();
  return (
    <fieldset className="thread-filter">
      <legend className="visually-hidden">Show threads</legend>
      {FILTERS.map((choice) => (
        <label key={choice} className="thread-filter-choice">
          <input type="radio" name={name} value={choice} checked={filter === choice} onChange={() => onChange(choice)} />
          <span>{THREAD_FILTER_LABEL[choice]}</span>
          <span className="thread-filter-count">{counts[choice]}</span>
        </label>
      ))}
    </fieldset>
  );
}
