import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express, type Router } from 'express';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';

import type { Logger } from '../logging/logger.js';
import { requireBearerToken } from './admin-auth.js';
import { adminRateLimit, authFailureLimit } from './admin-rate-limit.js';
import { corsForOrigins } from './cors.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { mountRoutes, type AnyRouteSpec } from './route-table.js';
import { healthRoutes } from './routes/health.routes.js';
import { securityHeaders } from './security-headers.js';

export interface HttpAppOptions {
  logger: Logger;
  adminToken: string;
  version: string;
  /** The admin API's routes, mounted under `/api`. */
  apiRoutes: AnyRouteSpec[];
  ping: () => Promise<void>;
  /** Requests per minute per token on /api (0: no limit). */
  adminRateLimitPerMinute: number;
  /** Failed authentications per client address per 15 minutes (default 20). */
  authFailureLimit?: number;
  /** Express's `trust proxy` (TRUST_PROXY): which X-Forwarded-For hops name the client. */
  trustProxy?: boolean | number | string;
  /** Browser origins allowed to call `/api` (CORS); empty: none. `*`: any. */
  corsOrigins?: readonly string[];
  /** Slack's events endpoint (Bolt's receiver), when Slack runs in HTTP mode. */
  slackRouter?: Router;
}

/** The Express app: health checks, the documented admin API under `/api`, JSON errors. */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', options.trustProxy ?? false);
  app.use(securityHeaders());
  app.use(
    pinoHttp({
      logger: options.logger.child({ component: 'http' }),
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, error) =>
        error || (res.statusCode >= 500 && res.statusCode !== 503) ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      // Health probes every few seconds would drown the log.
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(healthRoutes(options.ping));
  // Bolt reads and verifies the raw body itself: no body parser may run before it.
  if (options.slackRouter) app.use(options.slackRouter);

  const document = buildOpenApiDocument(options.apiRoutes, options.version);
  app.use(
    '/docs',
    swaggerUi.serve,
    swaggerUi.setup(document, {
      customSiteTitle: 'PersonableCRM API',
      swaggerOptions: { persistAuthorization: false },
    }),
  );

  const api = express.Router();
  api.use(corsForOrigins(options.corsOrigins ?? []));
  api.use(authFailureLimit(options.authFailureLimit ?? 20));
  api.use(requireBearerToken(options.adminToken));
  if (options.adminRateLimitPerMinute > 0) api.use(adminRateLimit(options.adminRateLimitPerMinute));
  api.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  mountRoutes(api, options.apiRoutes);
  app.use('/api', api);

  app.use(notFoundHandler);
  app.use(errorHandler(options.logger));
  return app;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  /** Stops accepting, lets requests in flight finish, then closes idle and (after the deadline) all connections. */
  close(deadlineMs: number): Promise<void>;
}

export async function listen(app: Express, port: number, host: string): Promise<RunningHttpServer> {
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  server.keepAliveTimeout = 5_000;
  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    port: address.port,
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${address.port}`,
    close: (deadlineMs) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.closeAllConnections(), deadlineMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
