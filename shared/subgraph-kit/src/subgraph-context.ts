import type { Viewer } from '@fedshop/auth';
import type { Logger } from '@fedshop/logger';

/** What every subgraph's GraphQL context starts from. */
export interface BaseSubgraphContext {
  /** The caller as verified by the gateway, or null for anonymous requests. */
  viewer: Viewer | null;
  requestId: string;
  /** The client's IP as the gateway resolved it (from the internal token). */
  clientIp?: string;
  /** A child logger carrying the request id. */
  logger: Logger;
}

/**
 * A subgraph's GraphQL context, as the kit builds it for every request: the base, the
 * service's domain services, fresh DataLoaders (so batching never crosses requests nor
 * callers) and any other per-request state the definition asks for.
 */
export type SubgraphContext<
  TServices extends object,
  TLoaders extends object,
  TRequestState extends object = Record<never, never>,
> = BaseSubgraphContext & TServices & { loaders: TLoaders } & TRequestState;
