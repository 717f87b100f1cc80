import { GraphQLError } from 'graphql';
import type { ErrorCode } from './error-code.js';

export interface BoundaryErrorOptions {
  code: ErrorCode;
  /** Shown to the caller: never a token, a URL, a body or a stack. */
  message: string;
  /** The HTTP status of the whole response. @defaultValue `200` (GraphQL's own) */
  status?: number;
  /** Response headers such as `Retry-After`. */
  headers?: Readonly<Record<string, string>>;
  /** Safe details copied into `extensions` beside `code` (e.g. `serviceName`, `limit`). */
  extensions?: Readonly<Record<string, unknown>>;
}

/**
 * An error answered at the edge of a service, before or around execution. The one shape
 * for both paths: Apollo reads `extensions.http` (status and headers), and Express steps
 * send it with `sendBoundaryError`.
 */
export function boundaryError({
  code,
  message,
  status,
  headers,
  extensions = {},
}: BoundaryErrorOptions): GraphQLError {
  const http =
    status === undefined && headers === undefined
      ? undefined
      : {
          ...(status === undefined ? {} : { status }),
          headers: new Map(Object.entries(headers ?? {})),
        };
  return new GraphQLError(message, {
    extensions: { ...extensions, code, ...(http ? { http } : {}) },
  });
}

/** The part of an Express response `sendBoundaryError` needs. */
export interface BoundaryResponse {
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
  json(body: unknown): unknown;
}

/** Sends a boundary error from an HTTP step, in GraphQL's response shape. */
export function sendBoundaryError(res: BoundaryResponse, error: GraphQLError): void {
  const { http, ...extensions } = error.extensions as {
    http?: { status?: number; headers?: Map<string, string> };
  } & Record<string, unknown>;
  for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
  res.status(http?.status ?? 400);
  res.json({ errors: [{ message: error.message, extensions }] });
}
