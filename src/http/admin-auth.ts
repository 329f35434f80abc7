import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** `Authorization: Bearer <token>`, compared in constant time (both sides hashed to one length). */
export function requireBearerToken(token: string): RequestHandler {
  const expected = digest(token);
  return (req, res, next) => {
    const match = /^Bearer[ ]+([^\s]+)[ ]*$/i.exec(req.headers.authorization ?? '');
    if (match && timingSafeEqual(digest(match[1]!), expected)) {
      next();
      return;
    }
    res
      .status(401)
      .setHeader('WWW-Authenticate', 'Bearer realm="personable-crm"')
      .json({ error: { code: 'unauthorized', message: match ? 'The bearer token is wrong' : 'Send the admin API token as Authorization: Bearer <token>' } });
  };
}
