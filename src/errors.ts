/**
 * Errors the services raise on purpose. Each has a stable code; the HTTP layer maps codes to
 * statuses in one place (http/error-handler.ts) and Slack turns the message into plain words.
 */
export type AppErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Too many requests; `retryAfterSeconds` says when to try again. */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', message, { retryAfterSeconds });
  }
}

export const notFound = (what: string, id: string): AppError =>
  new AppError('not_found', `${what} ${id} does not exist`, { id });
