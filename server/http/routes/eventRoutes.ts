import { Router, type Request, type Response } from 'express';
import { EVENT_STREAM_HEARTBEAT_SECONDS, MAX_EVENT_STREAMS_PER_MEMBER, type DraftEvent } from '../../../shared/api/events.js';
import { AppError } from '../../domain/AppError.js';
import type { Services } from '../../domain/Services.js';
import { hashToken } from '../../domain/tokens.js';
import { currentUser, requireUser } from '../authenticate.js';
import { sessionToken } from '../cookies.js';
import { mayAccess } from '../../domain/DraftService.js';
import { draftFor } from '../draftAccess.js';

/** Open streams of one kind, by member, to cap them and to end them when the member's sessions end. */
type StreamsByUser = Map<string, Set<Response>>;

/**
 * Server-sent event streams of live changes that are not CRDT data:
 * - GET /api/drafts/:id/events: everything about one draft (comments, versions, status, positions ...);
 * - GET /api/events: the workspace, for the drafts list: `draft.updated` of every draft (created, renamed,
 *   archived, bracket and option counts changed) of the drafts the member takes part in (mayAccess), and
 *   `draft.hidden` when one of them leaves them out.
 * Closed by the server when the member's sessions end (deactivation, role change), and by itself as soon
 * as the session it was opened with no longer signs anyone in (expired, signed out): that is checked
 * before every event and at every heartbeat, so no event reaches a page whose sign-in has ended. A draft's
 * stream also ends as soon as its member no longer takes part in the draft: that follows the draft's own
 * `draft.updated` event, which reaches every process (over Redis with several), and is not sent to them.
 */
export function eventRoutes(services: Services): Router {
  const router = Router();
  const draftStreams: StreamsByUser = new Map();
  const workspaceStreams: StreamsByUser = new Map();

  services.sessions.onSessionsEnded((userId, ended) => {
    for (const streams of [draftStreams, workspaceStreams]) {
      for (const res of streams.get(userId) ?? []) if (ended(hashToken(sessionToken(res.req) ?? ''))) res.end();
    }
  });

  router.get('/drafts/:id/events', requireUser, async (req, res) => {
    const draft = await draftFor(services, res, req.params.id);
    const member = currentUser(res);
    await takeStreamSlot(services, res, 'draft');
    serveStream(services, req, res, draftStreams, draft.id, (send) =>
      services.events.subscribe(draft.id, (event) => {
        if (event.type === 'draft.updated' && !mayAccess(member, event.draft)) return void res.end();
        send(event);
      }),
    );
    // With several processes the stream waited for its slot after the check: a change of the participants
    // meanwhile came before it listened, so it is checked again now that it does.
    if (services.memberSlots) void services.drafts.getFor(member, draft.id).catch(() => void res.end());
  });

  router.get('/events', requireUser, async (req, res) => {
    await takeStreamSlot(services, res, 'workspace');
    const member = currentUser(res);
    // The drafts this stream's page may list: one that leaves them is announced as hidden, and only to a
    // stream that knew it, so nobody learns of drafts they never took part in.
    const known = new Set((await services.drafts.list(member)).map((draft) => draft.id));
    serveStream(services, req, res, workspaceStreams, 'the workspace', (send) =>
      services.events.subscribeAll((draftId, event) => {
        if (event.type !== 'draft.updated') return;
        if (mayAccess(member, event.draft)) {
          known.add(draftId);
          send(event);
        } else if (known.delete(draftId)) {
          send({ type: 'draft.hidden', draftId });
        }
      }),
    );
  });

  return router;
}

/**
 * With several processes: takes one of the member's stream slots of this kind across all of them
 * (TOO_MANY_STREAMS when they are all taken; the page retries), given back when the stream closes. One
 * process counts its own in serveStream.
 */
async function takeStreamSlot(services: Services, res: Response, kind: 'draft' | 'workspace'): Promise<void> {
  if (!services.memberSlots) return;
  const release = await services.memberSlots.take([{ key: `stream:${kind}:${currentUser(res).id}`, limit: MAX_EVENT_STREAMS_PER_MEMBER }]);
  if (!release) throw new AppError('TOO_MANY_STREAMS', 'Too many open pages. Close some tabs and reload.');
  // The page may have gone while Redis answered: then its 'close' has passed already.
  if (res.socket?.destroyed !== false) return release();
  res.once('close', release);
}

/**
 * Opens one event stream (at most MAX_EVENT_STREAMS_PER_MEMBER per member and kind, else TOO_MANY_STREAMS)
 * and writes what `subscribe` delivers until the client leaves or the session ends.
 */
function serveStream(
  services: Services,
  req: Request,
  res: Response,
  streamsByUser: StreamsByUser,
  name: string,
  subscribe: (send: (event: DraftEvent) => void) => () => void,
): void {
  const user = currentUser(res);
  const token = sessionToken(req);
  const mine = streamsByUser.get(user.id) ?? new Set<Response>();
  if (mine.size >= MAX_EVENT_STREAMS_PER_MEMBER) {
    throw new AppError('TOO_MANY_STREAMS', 'Too many open pages. Close some tabs and reload.');
  }
  streamsByUser.set(user.id, mine.add(res));

  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write(`retry: 3000\n: connected to ${name}\n\n`);
  /** Writes `chunk`, in order, while the stream's session still signs this member in; ends the stream otherwise. */
  let written = Promise.resolve();
  const write = (chunk: string) => {
    written = written
      .then(async () => {
        if (res.writableEnded || res.destroyed) return;
        if ((await services.sessions.resolve(token))?.id !== user.id) return void res.end();
        res.write(chunk);
      })
      // A session that cannot be looked up ends the stream (the page reconnects), never the process.
      .catch(() => void res.end());
  };
  const unsubscribe = subscribe((event) => write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`));
  const heartbeat = setInterval(() => write(': keep-alive\n\n'), EVENT_STREAM_HEARTBEAT_SECONDS * 1000);
  res.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
    mine.delete(res);
    if (mine.size === 0) streamsByUser.delete(user.id);
  });
}
