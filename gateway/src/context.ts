import type { Viewer } from '@fedshop/auth';
import type { Logger } from '@fedshop/logger';

/** Per-request state of the gateway, built once per HTTP request. */
export interface GatewayContext {
  /** The caller whose JWT was verified at the edge, or null for anonymous requests. */
  viewer: Viewer | null;
  requestId: string;
  /** A child logger carrying the request id. */
  logger: Logger;
}
