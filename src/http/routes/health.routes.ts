import { Router } from 'express';

/** `/healthz`: the process answers. `/readyz`: it can reach its database. No token needed. */
export function healthRoutes(ping: () => Promise<void>): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    try {
      await ping();
      res.json({ status: 'ready', database: 'ok' });
    } catch (error) {
      req.log?.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });
  return router;
}
