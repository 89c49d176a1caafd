import { ROLE_LABELS } from '../../shared/roles.js';
import type { Participant } from '../common/collab/Participant.js';
import { caretLabel } from '../editor/index.js';

export interface PresenceListProps {
  /** This page's own person, from the session. */
  me: { name: string; delegation: string | null };
  others: Participant[];
}

/**
 * Who has the draft open: one round avatar with initials per person, in their caret colour, with the
 * full name and delegation on hover and keyboard focus (and always for screen readers).
 */
export function PresenceList({ me, others }: PresenceListProps) {
  const count = others.length + 1;
  return (
    <section className="presence" aria-label="People in this draft">
      <ul className="presence-list">
        <Avatar name={me.name} detail={`${caretLabel(me)} (you)`} color={null} self />
        {others.map((person) => (
          <Avatar
            key={person.clientId}
            name={person.name}
            detail={
              person.role === 'reviewer' || person.role === 'secretariat'
                ? `${caretLabel(person)}, ${ROLE_LABELS[person.role]}`
                : caretLabel(person)
            }
            color={person.color}
          />
        ))}
      </ul>
      <span className="presence-count muted">{count === 1 ? 'Only you' : `${count} here`}</span>
    </section>
  );
}

function Avatar({ name, detail, color, self = false }: { name: string; detail: string; color: string | null; self?: boolean }) {
  return (
    <li className={self ? 'avatar avatar-self' : 'avatar'} tabIndex={0} style={color ? { backgroundColor: color } : undefined}>
      <span aria-hidden="true">{initials(name)}</span>
      <span className="avatar-tooltip" role="tooltip">
        {detail}
      </span>
    </li>
  );
}

/** "Mette Sørensen" -> "MS"; one word -> its first two letters. */
function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = [...(words[0] ?? '?')];
  if (words.length === 1) return first.slice(0, 2).join('').toUpperCase();
  const last = [...(words[words.length - 1] ?? '')];
  return `${first[0] ?? ''}${last[0] ?? ''}`.toUpperCase();
}
