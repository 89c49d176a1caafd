import { Router, type Response } from 'express';
import { EVENT_STREAM_HEARTBEAT_SECONDS, MAX_EVENT_STREAMS_PER_MEMBER, type DraftEvent } from '../../../shared/api/events.js';
import { AppError } from '../../domain/AppError.js';
import type { Services } from '../../domain/Services.js';
import { currentUser, requireUser } from '../authenticate.js';
import { sessionToken } from '../cookies.js';
import { draftIdParam } from './draftRoutes.js';

/**
 * GET /api/drafts/:id/events: a server-sent event stream of the draft's live changes (comments,
 * versions, status ...). Closed by the server when the member's sessions end (deactivation, role
 * change), and by itself as soon as the session it was opened with no longer signs anyone in (expired,
 * signed out): that is checked before every event and at every heartbeat, so no event reaches a page
 * whose sign-in has ended.
 */
export function eventRoutes(services: Services): Router {
  const router = Router();
  const streamsByUser = new Map<string, Set<Response>>();

  services.sessions.onSessionsEnded((userId) => {
    for (const res of streamsByUser.get(userId) ?? []) res.end();
  });

  router.get('/drafts/:id/events', requireUser, (req, res) => {
    const user = currentUser(res);
    const token = sessionToken(req);
    const draft = services.drafts.get(draftIdParam(req.params.id));
    const mine = streamsByUser.get(user.id) ?? new Set<Response>();
    if (mine.size >= MAX_EVENT_STREAMS_PER_MEMBER) {
      throw new AppError('TOO_MANY_STREAMS', 'Too many open pages for this draft. Close some tabs and reload.');
    }
    streamsByUser.set(user.id, mine.add(res));

    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(`retry: 3000\n: connected to ${draft.id}\n\n`);
    /** Writes `chunk` while the stream's session still signs this member in; ends the stream otherwise. */
    const write = (chunk: string) => {
      if (services.sessions.resolve(token)?.id !== user.id) return void res.end();
      res.write(chunk);
    };
    const unsubscribe = services.events.subscribe(draft.id, (event: DraftEvent) => write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`));
    const heartbeat = setInterval(() => write(': keep-alive\n\n'), EVENT_STREAM_HEARTBEAT_SECONDS * 1000);
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      mine.delete(res);
      if (mine.size === 0) streamsByUser.delete(user.id);
    });
  });

  return router;
}
