import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';

/**
 * Requests per minute per admin token (after authentication, so the key is a known token's hash),
 * answered with 429, Retry-After and the API's error shape. Counted per process: with several
 * copies behind a load balancer each allows this many.
 */
export function adminRateLimit(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => createHash('sha256').update(req.headers.authorization ?? '').digest('hex'),
    handler: (_req, res, _next, options) => {
      res.status(options.statusCode).json({ error: { code: 'rate_limited', message: `More than ${perMinute} requests a minute with this token; slow down and try again shortly` } });
    },
  });
}
