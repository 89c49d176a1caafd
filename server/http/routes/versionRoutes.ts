import { Router } from 'express';
import { CompareQuery, CreateVersionBody, UpdateVersionBody } from '../../../shared/api/versions.js';
import type { Services } from '../../domain/Services.js';
import { currentUser, requireRole, requireUser } from '../authenticate.js';
import { draftIdFor } from '../draftAccess.js';
import { validate } from '../validate.js';
import { versionIdParam } from '../pathIds.js';

/**
 * Versions of a draft: every member lists, opens and compares them; delegates and the secretariat save
 * named versions (and rename or delete their own unpublished ones); the secretariat publishes and restores.
 */
export function versionRoutes(services: Services): Router {
  const router = Router();
  const drafters = requireRole('secretariat', 'delegate');
  const secretariat = requireRole('secretariat');

  router.get('/drafts/:id/versions', requireUser, async (req, res) => {
    res.json(await services.versions.list(await draftIdFor(services, res, req.params.id)));
  });

  router.post('/drafts/:id/versions', drafters, async (req, res) => {
    const draftId = await draftIdFor(services, res, req.params.id);
    const body = validate(CreateVersionBody, req.body);
    res.status(201).json(await services.versions.create(draftId, body.label, currentUser(res)));
  });

  router.get('/drafts/:id/versions/:versionId', requireUser, async (req, res) => {
    const draftId = await draftIdFor(services, res, req.params.id);
    res.json(await services.versions.detail(draftId, versionIdParam(req.params.versionId)));
  });

  router.patch('/drafts/:id/versions/:versionId', drafters, async (req, res) => {
    const draftId = await draftIdFor(services, res, req.params.id);
    const versionId = versionIdParam(req.params.versionId);
    const body = validate(UpdateVersionBody, req.body);
    res.json(await services.versions.rename(draftId, versionId, body.label, currentUser(res)));
  });

  router.delete('/drafts/:id/versions/:versionId', drafters, async (req, res) => {
    const draftId = await draftIdFor(services, res, req.params.id);
    await services.versions.delete(draftId, versionIdParam(req.params.versionId), currentUser(res));
    res.status(204).end();
  });

  router.post('/drafts/:id/versions/:versionId/publish', secretariat, async (req, res) => {
    const draftId = await draftIdFor(services, res, req.params.id);
    res.json(await services.versions.publish(draftId, versionIdParam(req.params.versionId), currentUser(res)));
  });

  router.post('/drafts/:id/versions/:versionId/restore', secretariat, async (req, res) => {
    const draftId = await draftIdFor(services, res, req.params.id);
    res.json(await services.versions.restore(draftId, versionIdParam(req.params.versionId), currentUser(res)));
  });

  router.get('/drafts/:id/compare', requireUser, async (req, res) => {
    const draftId = await draftIdFor(services, res, req.params.id);
    res.json(await services.versions.compare(draftId, validate(CompareQuery, req.query)));
  });

  return router;
}
