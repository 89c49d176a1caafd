import { Router } from 'express';
import { BulkDecisionBody } from '../../../shared/api/amendments.js';
import type { Decision } from '../../../shared/amendments/decideProposals.js';
import type { Services } from '../../domain/Services.js';
import { currentUser, requireRole, requireUser } from '../authenticate.js';
import { draftIdFor } from '../draftAccess.js';
import { amendmentIdParam } from '../pathIds.js';
import { validate } from '../validate.js';

/**
 * Proposals (amendments) in a draft's text: every member reads them; the secretariat accepts or rejects
 * them, one at a time or in bulk; a delegate of the proposing delegation may reject (withdraw) their own,
 * one at a time. Who may decide a single proposal depends on whose it is, so the service checks that; bulk
 * decisions are the secretariat's and checked before the body.
 */
export function amendmentRoutes(services: Services): Router {
  const router = Router();

  router.get('/drafts/:id/amendments', requireUser, async (req, res) => {
    res.json(await services.amendments.list(await draftIdFor(services, res, req.params.id)));
  });

  for (const decision of ['accept', 'reject'] as const satisfies readonly Decision[]) {
    router.post(`/drafts/:id/amendments/${decision}`, requireRole('secretariat'), async (req, res) => {
      const draftId = await draftIdFor(services, res, req.params.id);
      // A request without a body decides on the whole draft, like an empty one.
      const filter = validate(BulkDecisionBody, req.body ?? {});
      res.json(await services.amendments.decideAll(draftId, filter, decision, currentUser(res)));
    });

    router.post(`/drafts/:id/amendments/:amendmentId/${decision}`, requireUser, async (req, res) => {
      const draftId = await draftIdFor(services, res, req.params.id);
      const amendmentId = amendmentIdParam(req.params.amendmentId);
      res.json(await services.amendments.decide(draftId, amendmentId, decision, currentUser(res)));
    });
  }

  return router;
}
