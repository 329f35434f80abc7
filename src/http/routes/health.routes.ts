import { Router } from 'express';

/** How long a readiness check waits for the database before calling it unreachable. */
const READINESS_TIMEOUT_MS = 2_000;

/** `/healthz`: the process answers. `/readyz`: it can reach its database. No token needed. */
export function healthRoutes(ping: () => Promise<void>): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        ping(),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${READINESS_TIMEOUT_MS} ms`)),
            READINESS_TIMEOUT_MS,
          );
        }),
      ]);
      res.json({ status: 'ready', database: 'ok' });
    } catch (error) {
      req.log?.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    } finally {
      clearTimeout(timer);
    }
  });
  return router;
}
