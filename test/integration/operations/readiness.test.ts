import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { operationsRoutes, type ReadinessCheck } from '../../../server/http/routes/operationsRoutes.js';
import { registerTeardown } from '../../helpers/teardown.js';

/** The operations routes alone on a real HTTP server, with checks and a draining flag the test controls. */
async function serveOperations(checks: ReadinessCheck[], state: { draining: boolean }): Promise<string> {
  const app = express();
  app.use(
    operationsRoutes({
      checks,
      draining: () => state.draining,
      metrics: { render: async () => '', contentType: 'text/plain' },
      allowedOrigins: [],
    }),
  );
  const http = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => http.once('listening', resolve));
  registerTeardown(() => new Promise<void>((resolve) => http.close(() => resolve())));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

describe('readiness', () => {
  it('turns to 503 "draining" the moment the process starts stopping, whatever its dependencies say', async () => {
    const state = { draining: false };
    const url = await serveOperations([{ name: 'database', check: async () => undefined }], state);
    const before = await fetch(`${url}/readyz`);
    expect(before.status).toBe(200);
    expect(await before.json()).toEqual({ status: 'ready', checks: { database: 'up' } });
    state.draining = true;
    const during = await fetch(`${url}/readyz`);
    expect(during.status).toBe(503);
    expect(await during.json()).toEqual({ status: 'draining' });
    // Alive all the same: only readiness changes.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('names the dependency that fails or does not answer within 2 s, and nothing more about it', async () => {
    const url = await serveOperations(
      [
        { name: 'database', check: async () => undefined },
        { name: 'redis', check: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.7:6379')) },
        { name: 'slow', check: () => new Promise<void>(() => undefined) },
      ],
      { draining: false },
    );
    const res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(503);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ status: 'unavailable', checks: { database: 'up', redis: 'down', slow: 'down' } });
    expect(body).not.toContain('10.0.0.7');
  });
});
