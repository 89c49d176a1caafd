import { useEffect, useRef, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { getClauses } from '../../shared/doc/schema.js';
import type { CommentThread } from '../comments/index.js';
import { readParticipant } from '../common/collab/Participant.js';
import { clauseName } from '../common/draft/clauseName.js';
import type { NumberedClause } from '../common/draft/useOrderedClauses.js';
import { ChangeSummary } from './changeSummary.js';

/** How long others must pause, and this person too, before what they changed is announced. @default 2500 ms */
export const ANNOUNCE_PAUSE_MS = 2500;

/**
 * One sentence for a polite live region saying what others changed, at pauses: "Norway edited OP3; 2 new
 * comments on PP1." Edits come from the document (whose client ids tell who, through their presence),
 * comments from the draft's threads. Nothing is said while others keep typing or while this person types,
 * so the reader is not interrupted; everything since the last sentence is merged into the next one.
 */
export function useChangeAnnouncer(options: {
  doc: Y.Doc;
  provider: WebsocketProvider;
  clauses: readonly NumberedClause[];
  threads: readonly CommentThread[] | null;
  meId: string | null;
}): string {
  const { doc, provider, clauses, threads, meId } = options;
  const [sentence, setSentence] = useState('');
  const summary = useRef(new ChangeSummary());
  const names = useRef(new Map<string, string>());
  names.current = new Map(clauses.map((c) => [c.id, clauseName(c, c.heading.toString())]));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastLocal = useRef(0);

  const schedule = useRef(() => {});
  schedule.current = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      if (performance.now() - lastLocal.current < ANNOUNCE_PAUSE_MS) return schedule.current();
      const text = summary.current.take();
      if (text) setSentence(text);
    }, ANNOUNCE_PAUSE_MS);
  };

  useEffect(() => {
    const clauseMap = getClauses(doc);
    const onTransaction = (transaction: Y.Transaction) => {
      if (transaction.local) {
        lastLocal.current = performance.now();
        return;
      }
      if (transaction.origin !== provider) return;
      const changed = new Set<string>();
      for (const type of transaction.changed.keys()) {
        const id = clauseIdOf(type, clauseMap);
        if (id) changed.add(id);
      }
      if (changed.size === 0) return;
      const who = writers(transaction, provider);
      for (const id of changed) {
        const name = names.current.get(id);
        if (name) summary.current.edited(who, name);
      }
      schedule.current();
    };
    doc.on('afterTransaction', onTransaction);
    return () => {
      doc.off('afterTransaction', onTransaction);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [doc, provider]);

  const seenComments = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!threads) return;
    const all = threads.flatMap((thread) => [thread.root, ...thread.replies]);
    const seen = seenComments.current;
    seenComments.current = new Set(all.map((comment) => comment.id));
    if (!seen) return;
    let any = false;
    for (const comment of all) {
      if (seen.has(comment.id) || comment.author.id === meId) continue;
      summary.current.commented(names.current.get(comment.clauseId) ?? 'a deleted clause');
      any = true;
    }
    if (any) schedule.current();
  }, [threads, meId]);

  return sentence;
}

/** The clause a changed type belongs to (its heading, body or fields), or null. */
function clauseIdOf(type: { _item: Y.Item | null }, clauseMap: Y.Map<unknown>): string | null {
  let current: { _item: Y.Item | null } | null = type;
  while (current) {
    const parent: Y.Item['parent'] | undefined = current._item?.parent;
    if (parent === clauseMap) return current._item?.parentSub ?? null;
    if (current === clauseMap) return null;
    current = parent instanceof Y.AbstractType ? parent : null;
  }
  return null;
}

/** Who wrote in a transaction: the delegations (or names) of the clients whose clocks moved, from their presence. */
function writers(transaction: Y.Transaction, provider: WebsocketProvider): string {
  const states = provider.awareness.getStates();
  const who = new Set<string>();
  for (const [client, clock] of transaction.afterState) {
    if (clock <= (transaction.beforeState.get(client) ?? 0)) continue;
    const participant = readParticipant(client, states.get(client));
    if (participant) who.add(participant.delegation ?? participant.name);
  }
  return who.size === 1 ? [...who][0]! : who.size > 1 ? [...who].join(' and ') : 'Someone';
}
