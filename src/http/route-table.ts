import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';

import { ErrorBodySchema } from './error-handler.js';

/**
 * One table entry per route: the same zod schemas validate the request and describe it in the
 * OpenAPI document, so the two cannot drift apart.
 */
type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type AnyObject = z.ZodType<Record<string, unknown>>;

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'handled';

export interface RouteSpec<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  method: Method;
  /** Express-style path below the router's mount point, e.g. `/contacts/:id`. */
  path: string;
  summary: string;
  /** A stable name for client generators; default: method + path (`getContactsById`). */
  operationId?: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Shown in the OpenAPI document instead of `body` (when validation is looser, as for imports). */
  documentedBody?: z.ZodType;
  /** Largest accepted JSON body; default 1 MB. */
  bodyLimit?: string;
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  /**
   * A second request body type (e.g. `text/csv`) that the route reads as a stream itself: when the
   * request has this content type, `handle` gets the unparsed request instead of `body`.
   */
  streamedBody?: {
    contentType: string;
    schema: z.ZodType;
    handle(input: { params: z.output<P>; query: z.output<Q> }, req: Request, res: Response): Promise<Reply>;
  };
  handle(
    input: { params: z.output<P>; query: z.output<Q>; body: z.output<B> },
    req: Request,
    res: Response,
  ): Promise<Reply>;
}

export type AnyRouteSpec = RouteSpec<AnyObject, AnyObject, z.ZodType>;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- zod's own type of an object schema with no fields
type NoFields = z.ZodObject<{}>;

export function defineRoute<
  P extends AnyObject = NoFields,
  Q extends AnyObject = NoFields,
  B extends z.ZodType = z.ZodUndefined,
>(spec: RouteSpec<P, Q, B>): AnyRouteSpec {
  return spec;
}

const emptyObject = z.object({});

/** Thrown by request parsing: the error handler answers 400 with the failing fields. */
export class RequestValidationError extends Error {
  constructor(
    readonly location: 'params' | 'query' | 'body',
    readonly zodError: z.ZodError,
  ) {
    super(`invalid ${location}`);
  }
}

function parsePart<T extends z.ZodType>(schema: T, value: unknown, location: 'params' | 'query' | 'body'): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new RequestValidationError(location, result.error);
  return result.data;
}

export function mountRoutes(router: Router, routes: AnyRouteSpec[]): void {
  for (const route of routes) {
    const handlers: express.RequestHandler[] = [];
    if (route.body) handlers.push(express.json({ limit: route.bodyLimit ?? '1mb', strict: false }));
    handlers.push(async (req, res) => {
      const params = parsePart(route.params ?? emptyObject, req.params, 'params');
      const query = parsePart(route.query ?? z.strictObject({}), req.query, 'query');
      const streamed = route.streamedBody && req.is(route.streamedBody.contentType) ? route.streamedBody : undefined;
      const reply = streamed
        ? await streamed.handle({ params, query }, req, res)
        : await route.handle(
            { params, query, body: route.body ? parsePart(route.body, req.body, 'body') : undefined },
            req,
            res,
          );
      if (reply === 'handled') return;
      for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
      if (reply.body === undefined) res.status(reply.status).end();
      else res.status(reply.status).json(reply.body);
    });
    router[route.method](route.path, ...handlers);
  }
}

const pascal = (word: string) => word.replace(/(^|[-_.])([a-z0-9])/gi, (_, _sep: string, c: string) => c.toUpperCase());

/** `get /contacts/:id/conversations` → `getContactsByIdConversations`. */
export function derivedOperationId(method: string, path: string): string {
  const words = path
    .split('/')
    .filter(Boolean)
    .map((segment) => (segment.startsWith(':') ? `By${pascal(segment.slice(1))}` : pascal(segment)));
  return method + words.join('');
}

export function documentRoutes(
  registry: OpenAPIRegistry,
  prefix: string,
  routes: AnyRouteSpec[],
  security: { [name: string]: string[] }[],
): void {
  const operationIds = new Set<string>();
  for (const route of routes) {
    const operationId = route.operationId ?? derivedOperationId(route.method, route.path);
    if (operationIds.has(operationId)) throw new Error(`two API operations are named ${operationId}`);
    operationIds.add(operationId);
    const body = route.documentedBody ?? route.body;
    registry.registerPath({
      method: route.method,
      path: prefix + route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}'),
      summary: route.summary,
      operationId,
      tags: [route.tag],
      security,
      request: {
        ...(route.params ? { params: route.params as z.ZodObject } : {}),
        ...(route.query ? { query: route.query as z.ZodObject } : {}),
        ...(body
          ? {
              body: {
                required: true,
                content: {
                  'application/json': { schema: body },
                  ...(route.streamedBody
                    ? { [route.streamedBody.contentType]: { schema: route.streamedBody.schema } }
                    : {}),
                },
              },
            }
          : {}),
      },
      responses: {
        ...Object.fromEntries(
          Object.entries(route.responses).map(([status, r]) => [
            status,
            {
              description: r.description,
              ...(r.schema ? { content: { [r.contentType ?? 'application/json']: { schema: r.schema } } } : {}),
            },
          ]),
        ),
        ...(route.body || route.query || route.params
          ? {
              400: {
                description: 'Invalid input: the failing fields are in error.details',
                content: { 'application/json': { schema: ErrorBodySchema } },
              },
            }
          : {}),
        401: {
          description: 'Missing or wrong bearer token',
          content: { 'application/json': { schema: ErrorBodySchema } },
        },
      },
    });
  }
}
