import { ErrorCode } from './error-code.js';

/**
 * An expected failure with a stable code. Domain code throws these; the GraphQL layer
 * turns them into `extensions.code` (see `formatError`). Anything that is not an
 * AppError is treated as a bug and masked in production.
 */
export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Safe-to-show details, copied into `extensions` (for example `{ field: 'email' }`). */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export const badUserInput = (field: string, message: string) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, { field });

export const notFound = (type: string, id: string) =>
  new AppError(ErrorCode.NOT_FOUND, `${type} ${id} was not found`, { type, id });

export const unauthenticated = (message = 'You must be signed in to do this') =>
  new AppError(ErrorCode.UNAUTHENTICATED, message);

export const forbidden = (message = 'You are not allowed to do this') =>
  new AppError(ErrorCode.FORBIDDEN, message);

/**
 * RATE_LIMITED from inside a service (e.g. users' password-guessing limits), with the whole
 * seconds to wait (at least 1) in `extensions.retryAfterSeconds`; the gateway answers it
 * with HTTP 429 and `Retry-After`.
 */
export const tooManyRequests = (
  retryAfterSeconds: number,
  message = `Too many attempts; retry after ${retryAfterSeconds} s`,
) => new AppError(ErrorCode.RATE_LIMITED, message, { retryAfterSeconds });
