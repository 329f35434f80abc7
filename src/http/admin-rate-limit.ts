import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';

import { bearerToken } from './admin-auth.js';

/**
 * Requests per minute per admin token (after authentication), keyed on the token as parsed — not
 * the raw header, which can be spelled many ways — answered with 429, Retry-After and the API's
 * error shape. Counted per process: with several copies behind a load balancer each allows this many.
 */
export function adminRateLimit(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) =>
      createHash('sha256')
        .update(bearerToken(req.headers.authorization) ?? '')
        .digest('hex'),
    handler: (_req, res, _next, options) => {
      res.status(options.statusCode).json({
        error: {
          code: 'rate_limited',
          message: `More than ${perMinute} requests a minute with this token; slow down and try again shortly`,
        },
      });
    },
  });
}

const FAILURE_WINDOW_MS = 15 * 60_000;

/**
 * Failed authentications (401s) per client address per 15 minutes: past `limit`, every request
 * from that address gets 429 until the window passes, the right token included — guessing costs
 * time. The address is the connection's, or the one the trusted proxies name (TRUST_PROXY); IPv6
 * clients are counted per /56, as one host usually holds a whole prefix.
 */
export function authFailureLimit(limit: number): RequestHandler {
  return rateLimit({
    windowMs: FAILURE_WINDOW_MS,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown', 56),
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    skipSuccessfulRequests: true,
    handler: (_req, res, _next, options) => {
      res.status(options.statusCode).json({
        error: {
          code: 'rate_limited',
          message: `More than ${limit} failed authentications from this address; try again later`,
        },
      });
    },
  });
}
