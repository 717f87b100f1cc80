import type { RequestHandler } from 'express';
import type { GatewayConfig } from '../config.js';
import type { GatewayKeys } from '../trust/gateway-keys.js';
import { useAuthentication } from './use-authentication.js';
import { useBodyLimits } from './use-body-limits.js';
import { useCors } from './use-cors.js';

/**
 * The HTTP steps in front of Apollo at `/graphql`, in the order they run. The service shell
 * gives every request its id before any of them (so every answer carries it). CORS comes
 * first, so browsers can read every later error; the caller is known before anything that
 * limits callers.
 */
export function edgePipeline(config: GatewayConfig, keys: GatewayKeys): RequestHandler[] {
  return [
    useCors({ origins: config.corsOrigins }),
    useBodyLimits(),
    useAuthentication({ verify: keys.verifyAccessToken }),
  ];
}
