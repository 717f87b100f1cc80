import type { Viewer } from '@fedshop/auth';
import type { Logger } from '@fedshop/logger';

/** What every subgraph's GraphQL context starts from. */
export interface BaseSubgraphContext {
  /** The caller as verified by the gateway, or null for anonymous requests. */
  viewer: Viewer | null;
  requestId: string;
  /** A child logger carrying the request id. */
  logger: Logger;
}
