import { Router, type Request, type Response } from 'express';
import { ownOrigin } from '../security.js';

/** One dependency readiness depends on (the database, Redis): resolves when it answers, rejects when not. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export interface OperationsOptions {
  checks: readonly ReadinessCheck[];
  /** True once the process is stopping (SIGTERM): not ready, so a load balancer sends no one new. */
  draining(): boolean;
  metrics: { render(): Promise<string>; contentType: string };
  /** Origins besides the request's own (config.allowedOrigins). */
  allowedOrigins: readonly string[];
}

/** How long a readiness check may take before it counts as down. */
const CHECK_TIMEOUT_MS = 2000;

/**
 * What operators and load balancers ask, outside /api and without a session:
 * - GET /healthz: the process is alive (200 whenever it can answer at all);
 * - GET /readyz: it can serve: every dependency answers within 2 s and it is not draining; else 503, with
 *   which check failed (names only: no addresses or error texts leave the process);
 * - GET /metrics: Prometheus's text format, for a scraper. Not for browsers on other sites: a request a
 *   browser marks as cross-site, or whose Origin is not ours, is refused, and the answer may not be embedded
 *   elsewhere (Cross-Origin-Resource-Policy), so no web page can read the process's figures.
 */
export function operationsRoutes(options: OperationsOptions): Router {
  const router = Router();
  const noStore = (res: Response) => res.setHeader('Cache-Control', 'no-store');

  router.get('/healthz', (_req, res) => {
    noStore(res);
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    noStore(res);
    if (options.draining()) {
      res.status(503).json({ status: 'draining' });
      return;
    }
    const results = await Promise.all(
      options.checks.map(async (dependency) => [dependency.name, await answers(() => dependency.check())] as const),
    );
    const checks = Object.fromEntries(results.map(([name, ok]) => [name, ok ? 'up' : 'down']));
    const ready = results.every(([, ok]) => ok);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks });
  });

  router.get('/metrics', async (req, res) => {
    noStore(res);
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (fromAnotherSite(req, options.allowedOrigins)) {
      res.status(403).type('text/plain').send('Metrics are not served to other sites.');
      return;
    }
    res.type(options.metrics.contentType).send(await options.metrics.render());
  });

  return router;
}

async function answers(check: () => Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check().then(() => true as const), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** A browser request made by a page of another site (Fetch Metadata), or naming a foreign Origin. */
function fromAnotherSite(req: Request, allowedOrigins: readonly string[]): boolean {
  const site = req.get('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = req.get('origin');
  return origin !== undefined && origin !== ownOrigin(req) && !allowedOrigins.includes(origin);
}
