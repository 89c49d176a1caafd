import { useEffect, useRef, useState } from 'react';
import type { MeResponse } from '../../shared/api/session.js';
import type { CommentThread } from './groupThreads.js';

/**
 * A sentence for a polite live region when someone else's comment or reply arrives among `threads` (the
 * threads the panel shows), e.g. "New reply from Mette Sørensen." Comments present when the scope opens
 * (or changes, per `scopeKey`) are not announced, nor this person's own.
 */
export function useArrivalAnnouncement(threads: readonly CommentThread[], me: MeResponse | null, scopeKey: string): string {
  const [announcement, setAnnouncement] = useState('');
  const seen = useRef<{ key: string; ids: Set<string> } | null>(null);

  useEffect(() => {
    const all = threads.flatMap((thread) => [thread.root, ...thread.replies]);
    const previous = seen.current;
    seen.current = { key: scopeKey, ids: new Set(all.map((comment) => comment.id)) };
    if (!previous || previous.key !== scopeKey) return;
    const arrived = all.filter((comment) => !previous.ids.has(comment.id) && comment.author.id !== me?.id);
    const last = arrived.at(-1);
    if (last) setAnnouncement(`New ${last.parentId ? 'reply' : 'comment'} from ${last.author.name}.`);
  }, [threads, me, scopeKey]);

  return announcement;
}
