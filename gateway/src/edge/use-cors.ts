import cors from 'cors';
import type { RequestHandler } from 'express';

export interface UseCorsOptions {
  /** Frontend origins allowed to call the gateway from a browser (`CORS_ORIGINS`). */
  origins?: readonly string[];
  /** Apollo Studio's Explorer / Sandbox. @defaultValue `[defaultStudioOrigin]` */
  toolOrigins?: readonly string[];
}

export const defaultStudioOrigin = 'https://studio.apollographql.com';

/** How long browsers may cache a preflight answer, in seconds. */
export const defaultPreflightMaxAgeSeconds = 600;

/**
 * CORS for `/graphql`: only listed origins, with credentials (cookies, Authorization). Other
 * origins get no `Access-Control-Allow-Origin`, so browsers refuse the response.
 */
export function useCors({
  origins = [],
  toolOrigins = [defaultStudioOrigin],
}: UseCorsOptions = {}): RequestHandler {
  const allowed = new Set([...toolOrigins, ...origins]);
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    maxAge: defaultPreflightMaxAgeSeconds,
  });
}
