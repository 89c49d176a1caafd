import { Router, type Request } from 'express';
import { CreateMemberBody, UpdateMemberBody, type InvitationIssued } from '../../../shared/api/members.js';
import type { Services } from '../../domain/Services.js';
import { currentUser, requireRole } from '../authenticate.js';
import { ownOrigin } from '../security.js';
import { validate } from '../validate.js';
import { memberIdParam } from '../pathIds.js';

/** Members administration (secretariat only). */
export function memberRoutes(services: Services, publicUrl: string | undefined): Router {
  const router = Router();
  router.use('/members', requireRole('secretariat'));

  const issued = (req: Request, r: { member: InvitationIssued['member']; token: string; expiresAt: Date }): InvitationIssued => ({
    member: r.member,
    invitationUrl: `${publicUrl ?? ownOrigin(req)}/invitation/${r.token}`,
    expiresAt: r.expiresAt.toISOString(),
  });

  router.get('/members', async (_req, res) => {
    res.json(await services.members.list());
  });

  router.post('/members', async (req, res) => {
    const body = validate(CreateMemberBody, req.body);
    res.status(201).json(issued(req, await services.members.create(body, currentUser(res).id, req.ip)));
  });

  router.patch('/members/:id', async (req, res) => {
    const id = memberIdParam(req.params.id);
    const body = validate(UpdateMemberBody, req.body);
    res.json(await services.members.update(id, body, currentUser(res).id, req.ip));
  });

  router.post('/members/:id/invitation', async (req, res) => {
    const id = memberIdParam(req.params.id);
    res.status(201).json(issued(req, await services.members.reissueInvitation(id, currentUser(res).id, req.ip)));
  });

  return router;
}
