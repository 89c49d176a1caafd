import type { Participant } from '../common/collab/Participant.js';
import { readParticipant } from '../common/collab/Participant.js';

/** Neutral caret colour for a state whose colour is missing or not a #rrggbb colour. */
export const FALLBACK_CARET_COLOR = '#5d6473';

/**
 * Builds the DOM of another person's caret: a coloured bar with a label "Name · Delegation". The label is
 * set as text, never parsed as HTML, because the fields come over the network. It sits inside the text, so
 * it is hidden from screen readers, which would otherwise read a colleague's name in the middle of a
 * sentence; who is present is in the presence list, and what others change is announced (useChangeAnnouncer).
 */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const participant: Participant | null = readParticipant(0, { user });
  const color = participant?.color ?? FALLBACK_CARET_COLOR;
  const caret = document.createElement('span');
  caret.className = 'remote-caret';
  caret.setAttribute('aria-hidden', 'true');
  caret.style.borderColor = color;
  const label = document.createElement('span');
  label.className = 'remote-caret-label';
  label.style.backgroundColor = color;
  label.textContent = participant ? caretLabel(participant) : 'Someone';
  caret.append(label);
  return caret;
}

/** "Name · Delegation", or just the name for members without a delegation. */
export function caretLabel(participant: Pick<Participant, 'name' | 'delegation'>): string {
  return participant.delegation ? `${participant.name} · ${participant.delegation}` : participant.name;
}
