import { Router } from 'express';
import { CreateDraftBody, UpdateDraftBody } from '../../../shared/api/drafts.js';
import { toDraftSummary } from '../../domain/DraftService.js';
import type { Services } from '../../domain/Services.js';
import { currentUser, requireRole, requireUser } from '../authenticate.js';
import { validate } from '../validate.js';
import { draftIdFor } from '../draftAccess.js';
import { draftIdParam } from '../pathIds.js';

/**
 * Drafts: every member reads those they take part in (all of them unless the secretariat chose the
 * participants); the secretariat creates, renames, archives and chooses the participants.
 */
export function draftRoutes(services: Services): Router {
  const router = Router();

  // Drafts never counted yet (the seeded starter draft, drafts from before counting) are counted when first listed.
  router.get('/drafts', requireUser, async (_req, res) => {
    await services.counts.countMissing();
    res.json(await services.drafts.list(currentUser(res)));
  });

  router.get('/drafts/:id', requireUser, async (req, res) => {
    const id = await draftIdFor(services, res, req.params.id);
    await services.counts.countMissing([id]);
    res.json(toDraftSummary(await services.drafts.get(id)));
  });

  router.post('/drafts', requireRole('secretariat'), async (req, res) => {
    const body = validate(CreateDraftBody, req.body);
    res.status(201).json(await services.drafts.create(body, currentUser(res).id));
  });

  router.patch('/drafts/:id', requireRole('secretariat'), async (req, res) => {
    const id = draftIdParam(req.params.id);
    const body = validate(UpdateDraftBody, req.body);
    res.json(await services.drafts.update(id, body, currentUser(res).id));
  });

  return router;
}
