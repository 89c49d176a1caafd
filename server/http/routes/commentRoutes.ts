import { Router } from 'express';
import { CreateCommentBody, UpdateCommentBody } from '../../../shared/api/comments.js';
import type { Services } from '../../domain/Services.js';
import { currentUser, requireUser } from '../authenticate.js';
import { draftIdFor } from '../draftAccess.js';
import { validate } from '../validate.js';
import { commentIdParam } from '../pathIds.js';

/** Comment threads on a draft's clauses. Every member who can read the draft may comment. */
export function commentRoutes(services: Services): Router {
  const router = Router();

  router.get('/drafts/:id/comments', requireUser, async (req, res) => {
    res.json(await services.comments.list(await draftIdFor(services, res, req.params.id)));
  });

  router.post('/drafts/:id/comments', requireUser, async (req, res) => {
    const draftId = await draftIdFor(services, res, req.params.id);
    const body = validate(CreateCommentBody, req.body);
    res.status(201).json(await services.comments.create(draftId, body, currentUser(res)));
  });

  router.patch('/drafts/:id/comments/:commentId', requireUser, async (req, res) => {
    const draftId = await draftIdFor(services, res, req.params.id);
    const commentId = commentIdParam(req.params.commentId);
    const body = validate(UpdateCommentBody, req.body);
    res.json(await services.comments.update(draftId, commentId, body, currentUser(res)));
  });

  router.delete('/drafts/:id/comments/:commentId', requireUser, async (req, res) => {
    const draftId = await draftIdFor(services, res, req.params.id);
    res.json(await services.comments.delete(draftId, commentIdParam(req.params.commentId), currentUser(res)));
  });

  return router;
}
