import type { Response } from 'express';
import type { DraftRecord } from '../domain/records.js';
import type { Services } from '../domain/Services.js';
import { currentUser } from './authenticate.js';
import { draftIdParam } from './pathIds.js';

/**
 * The draft named by a route's `:id`, as the signed-in member may see it: DRAFT_NOT_FOUND when the id is
 * malformed, unknown, or names a draft they do not take part in (DraftService.getFor). Every route of a
 * draft loads it through here, after its role check, so no route can forget the participants rule.
 */
export function draftFor(services: Services, res: Response, value: unknown): Promise<DraftRecord> {
  return services.drafts.getFor(currentUser(res), draftIdParam(value));
}

/** The id of draftFor's draft: what most routes pass on to their service. */
export async function draftIdFor(services: Services, res: Response, value: unknown): Promise<string> {
  return (await draftFor(services, res, value)).id;
}
