import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * The token in `Authorization: Bearer <token>` (the scheme in any case, any spacing), or undefined.
 * The one parser for both authentication and the rate limit's key, so no spelling of the same
 * token counts as another.
 */
export function bearerToken(header: string | undefined): string | undefined {
  return /^[ \t]*Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header ?? '')?.[1];
}

/** `Authorization: Bearer <token>`, compared in constant time (both sides hashed to one length). */
export function requireBearerToken(token: string): RequestHandler {
  const expected = digest(token);
  return (req, res, next) => {
    const given = bearerToken(req.headers.authorization);
    if (given !== undefined && timingSafeEqual(digest(given), expected)) {
      next();
      return;
    }
    res
      .status(401)
      .setHeader('WWW-Authenticate', 'Bearer realm="personable-crm"')
      .json({
        error: {
          code: 'unauthorized',
          message:
            given !== undefined
              ? 'The bearer token is wrong'
              : 'Send the admin API token as Authorization: Bearer <token>',
        },
      });
  };
}
