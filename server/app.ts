import express, { type Express } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { LIMITS } from '../shared/limits.js';
import type { Config } from './config.js';
import type { Services } from './domain/Services.js';
import { authenticate } from './http/authenticate.js';
import { apiNotFound, errorHandler } from './http/errorHandler.js';
import { amendmentRoutes } from './http/routes/amendmentRoutes.js';
import { commentRoutes } from './http/routes/commentRoutes.js';
import { delegationRoutes } from './http/routes/delegationRoutes.js';
import { draftRoutes } from './http/routes/draftRoutes.js';
import { eventRoutes } from './http/routes/eventRoutes.js';
import { exportRoutes } from './http/routes/exportRoutes.js';
import { invitationRoutes } from './http/routes/invitationRoutes.js';
import { memberRoutes } from './http/routes/memberRoutes.js';
import { negotiationRoutes } from './http/routes/negotiationRoutes.js';
import { sessionRoutes } from './http/routes/sessionRoutes.js';
import { versionRoutes } from './http/routes/versionRoutes.js';
import { operationsRoutes, type OperationsOptions } from './http/routes/operationsRoutes.js';
import { apiWriteGuard, rejectForbiddenKeys, securityHeaders } from './http/security.js';

/**
 * Builds the Express app (the operations endpoints /healthz, /readyz and /metrics, the REST API and the
 * built client). Does not listen: see server/index.ts.
 */
export function createApp(services: Services, config: Config, operations: Omit<OperationsOptions, 'allowedOrigins'>): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders);
  app.use(operationsRoutes({ ...operations, allowedOrigins: config.allowedOrigins }));

  const api = express.Router();
  api.use(apiWriteGuard(config.allowedOrigins));
  api.use(express.json({ limit: LIMITS.jsonBodyBytes, strict: true }));
  api.use(rejectForbiddenKeys);
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(authenticate(services.sessions));
  api.use(invitationRoutes(services, config.secureCookies));
  api.use(sessionRoutes(services, config.secureCookies));
  api.use(delegationRoutes(services));
  api.use(memberRoutes(services, config.publicUrl));
  api.use(draftRoutes(services));
  api.use(eventRoutes(services));
  api.use(commentRoutes(services));
  api.use(versionRoutes(services));
  api.use(negotiationRoutes(services));
  api.use(amendmentRoutes(services));
  api.use(exportRoutes(services));
  api.use(apiNotFound);
  api.use(errorHandler);
  app.use('/api', api);

  if (existsSync(path.join(config.clientDir, 'index.html'))) {
    app.use(express.static(config.clientDir, { index: false, maxAge: '1h' }));
    // Client-side routes (/drafts/..., /members ...) all load the single-page app.
    app.get('/{*splat}', (_req, res) => res.sendFile(path.join(config.clientDir, 'index.html')));
  } else {
    app.get('/{*splat}', (_req, res) => {
      res.status(503).type('text/plain').send('The client has not been built. Run `npm start` (it builds first).');
    });
  }
  app.use(errorHandler);
  return app;
}
