import { Router } from 'express';
import { AuditQuery, SetClauseStatusBody, SetPositionBody, SettleOptionBody } from '../../../shared/api/negotiation.js';
import type { Services } from '../../domain/Services.js';
import { currentUser, requireRole, requireUser } from '../authenticate.js';
import { draftIdFor } from '../draftAccess.js';
import { validate } from '../validate.js';
import { clauseIdParam, delegationIdParam } from '../pathIds.js';

/**
 * The negotiation records of a draft: every member reads them; the secretariat sets clause statuses,
 * settles options and reads the audit log; a delegation's delegates record its positions. Permissions are
 * checked before the body, so a member who may not act learns nothing more than that.
 */
export function negotiationRoutes(services: Services): Router {
  const router = Router();
  const secretariat = requireRole('secretariat');

  router.get('/drafts/:id/negotiation', requireUser, async (req, res) => {
    res.json(await services.negotiation.state(await draftIdFor(services, res, req.params.id)));
  });

  router.put('/drafts/:id/clauses/:clauseId/status', secretariat, async (req, res) => {
    const draftId = await draftIdFor(services, res, req.params.id);
    const clauseId = clauseIdParam(req.params.clauseId);
    const body = validate(SetClauseStatusBody, req.body);
    res.json(await services.negotiation.setStatus(draftId, clauseId, body, currentUser(res)));
  });

  router.put('/drafts/:id/clauses/:clauseId/positions/:delegationId', requireUser, async (req, res) => {
    const draftId = await draftIdFor(services, res, req.params.id);
    const clauseId = clauseIdParam(req.params.clauseId);
    const delegationId = delegationIdParam(req.params.delegationId);
    await services.negotiation.authorizePosition(delegationId, currentUser(res));
    const body = validate(SetPositionBody, req.body);
    res.json(await services.negotiation.setPosition(draftId, clauseId, delegationId, body, currentUser(res)));
  });

  router.delete('/drafts/:id/clauses/:clauseId/positions/:delegationId', requireUser, async (req, res) => {
    const draftId = await draftIdFor(services, res, req.params.id);
    const clauseId = clauseIdParam(req.params.clauseId);
    await services.negotiation.withdrawPosition(draftId, clauseId, delegationIdParam(req.params.delegationId), currentUser(res));
    res.status(204).end();
  });

  router.post('/drafts/:id/clauses/:clauseId/settle', secretariat, async (req, res) => {
    const draftId = await draftIdFor(services, res, req.params.id);
    const clauseId = clauseIdParam(req.params.clauseId);
    const body = validate(SettleOptionBody, req.body);
    res.json(await services.negotiation.settle(draftId, clauseId, body.optionId, currentUser(res)));
  });

  router.get('/drafts/:id/audit', secretariat, async (req, res) => {
    const draftId = await draftIdFor(services, res, req.params.id);
    res.json(await services.negotiation.auditLog(draftId, validate(AuditQuery, req.query), currentUser(res)));
  });

  return router;
}
