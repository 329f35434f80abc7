import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';

import { fieldErrors } from '../crm/field-errors.js';
import { isDatabaseBusy, isDatabaseUnavailable, isUniqueViolation } from '../db/database-errors.js';
import { AppError, RateLimitedError, type AppErrorCode } from '../errors.js';
import type { Logger } from '../logging/logger.js';

import type {} from 'pino-http'; // adds req.log

import { RequestValidationError } from './route-table.js';

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'validation_failed' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

/** The one place where error codes become HTTP statuses. */
const STATUS_OF: Record<AppErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof RequestValidationError) {
    return new AppError(
      'validation_failed',
      `The request ${error.location} is not valid`,
      fieldErrors(error.zodError).map((e) => ({ ...e, location: error.location })),
    );
  }
  if (error instanceof z.ZodError)
    return new AppError('validation_failed', 'The request is not valid', fieldErrors(error));
  const bodyParserType = (error as { type?: unknown }).type;
  if (bodyParserType === 'entity.too.large') return new AppError('payload_too_large', 'The request body is too large');
  if (bodyParserType === 'entity.parse.failed')
    return new AppError('validation_failed', 'The request body is not valid JSON');
  if (bodyParserType === 'encoding.unsupported' || bodyParserType === 'charset.unsupported') {
    return new AppError('validation_failed', 'The request body must be UTF-8 JSON');
  }
  // A body that says it is compressed but is not (body-parser's zlib errors carry status 400).
  // (zlib's codes are Z_…, Brotli's ERR__ERROR_…)
  const code = (error as { code?: unknown }).code;
  if ((error as { status?: unknown }).status === 400 && typeof code === 'string' && /^(Z_|ERR__ERROR_)/.test(code)) {
    return new AppError('validation_failed', 'The request body is not valid for its Content-Encoding');
  }
  // A path with a broken %-escape (Express cannot decode the parameter).
  if (error instanceof URIError) return new AppError('validation_failed', 'The request path has a malformed %-escape');
  if (isUniqueViolation(error)) return new AppError('conflict', 'A record with this value already exists');
  if (isDatabaseUnavailable(error))
    return new AppError('unavailable', 'The database is not reachable; try again shortly');
  if (isDatabaseBusy(error))
    return new AppError(
      'unavailable',
      'The database is busy with another long write (such as a large import); nothing was changed — try again shortly',
    );
  return new AppError('internal', 'Something went wrong on our side; it has been logged');
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const appError = toAppError(error);
    const status = STATUS_OF[appError.code];
    // Our faults are errors; an unreachable database or unconfigured feature is a warning.
    if (appError.code === 'internal') (req.log ?? logger).error({ err: error }, 'request failed');
    else if (appError.code === 'unavailable')
      (req.log ?? logger).warn({ reason: appError.message }, 'request could not be served');
    if (appError instanceof RateLimitedError) res.setHeader('Retry-After', String(appError.retryAfterSeconds));
    res.status(status).json({
      error: {
        code: appError.code,
        message: appError.message,
        ...(appError.details === undefined ? {} : { details: appError.details }),
      },
    });
  };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: `No route for ${req.method} ${req.path}` } });
};
