import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { readParticipant, type Participant } from './Participant.js';

const NONE: Participant[] = [];

/**
 * Everyone else who has this draft open, from awareness (presence), one entry per person: a person
 * with the draft open in two tabs appears once. Sorted by name. Excludes this page itself.
 */
export function useParticipants(awareness: Awareness | null): Participant[] {
  const cache = useRef<{ key: string; value: Participant[] }>({ key: '', value: NONE });
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!awareness) return () => {};
      awareness.on('change', listener);
      return () => awareness.off('change', listener);
    },
    [awareness],
  );
  const getSnapshot = useCallback(() => {
    if (!awareness) return NONE;
    const people = new Map<string, Participant>();
    awareness.getStates().forEach((state, clientId) => {
      if (clientId === awareness.clientID) return;
      const participant = readParticipant(clientId, state);
      if (!participant) return;
      const person = `${participant.name}\u0000${participant.delegation ?? ''}\u0000${participant.role ?? ''}`;
      if (!people.has(person)) people.set(person, participant);
    });
    const value = [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
    const key = value.map((p) => `${p.clientId}:${p.name}:${p.delegation}:${p.role}:${p.color}`).join('|');
    if (key !== cache.current.key) cache.current = { key, value };
    return cache.current.value;
  }, [awareness]);
  return useSyncExternalStore(subscribe, getSnapshot);
}
