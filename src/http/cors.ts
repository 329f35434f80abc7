import type { RequestHandler } from 'express';

const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const ALLOWED_HEADERS = 'Authorization, Content-Type, X-Request-Id';
const EXPOSED_HEADERS = 'Location, Retry-After, X-Request-Id, RateLimit, RateLimit-Policy';

/**
 * CORS for `/api` (https://fetch.spec.whatwg.org/#http-cors-protocol): a request whose `Origin` is
 * listed gets `Access-Control-Allow-Origin` with that origin (or `*` when the list is `*`), and a
 * preflight (`OPTIONS` with `Access-Control-Request-Method`) from it is answered 204 before the
 * bearer-token check — browsers send preflights without credentials. Any other origin gets no CORS
 * headers, so the browser keeps the answer from the page. No cookies are used: credentials are not
 * allowed.
 */
export function corsForOrigins(origins: readonly string[]): RequestHandler {
  const any = origins.includes('*');
  const listed = new Set(origins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origins.length === 0 || !origin) return next();
    res.vary('Origin');
    if (!any && !listed.has(origin)) return next();
    res.setHeader('Access-Control-Allow-Origin', any ? '*' : origin);
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}
