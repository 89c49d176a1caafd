import { Router } from 'express';
import { CreateDelegationBody } from '../../../shared/api/delegations.js';
import type { Services } from '../../domain/Services.js';
import { currentUser, requireRole, requireUser } from '../authenticate.js';
import { validate } from '../validate.js';

/** Delegations: every member may list them (names appear beside people); the secretariat adds them. */
export function delegationRoutes(services: Services): Router {
  const router = Router();

  router.get('/delegations', requireUser, async (_req, res) => {
    res.json(await services.delegations.list());
  });

  router.post('/delegations', requireRole('secretariat'), async (req, res) => {
    const body = validate(CreateDelegationBody, req.body);
    res.status(201).json(await services.delegations.create(body.name, currentUser(res).id));
  });

  return router;
}
