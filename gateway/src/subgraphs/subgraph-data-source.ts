import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { identityHeaders, viewerToHeaders } from '@fedshop/auth';
import type { Logger } from '@fedshop/logger';
import { defaultRequestIdHeader } from '@fedshop/service-kit';
import type { GatewayContext } from '../context.js';
import type { Fetcher } from './subgraph-fetcher.js';
import { subgraphUnavailable } from './subgraph-errors.js';

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  fetcher: Fetcher;
  /** Logs transport failures that happen outside a request (health checks, introspection). */
  logger: Logger;
}

/**
 * Calls one subgraph. Only headers set here reach it: the verified viewer as identity
 * headers and the request id. Client headers (including a forged `x-fedshop-user-id`
 * or the raw token) are never copied through.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly serviceName: string;
  private readonly logger: Logger;

  constructor({ name, url, fetcher, logger }: SubgraphDataSourceOptions) {
    super({ url, fetcher });
    this.serviceName = name;
    this.logger = logger;
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = options.request.http?.headers;
    if (!headers) return;
    for (const name of Object.values(identityHeaders)) headers.delete(name);
    // Health checks and schema loading run outside any client request: no identity.
    if (!('incomingRequestContext' in options)) return;
    const { viewer, requestId } = options.context;
    if (viewer) {
      for (const [name, value] of Object.entries(viewerToHeaders(viewer))) headers.set(name, value);
    }
    headers.set(defaultRequestIdHeader, requestId);
  }

  override didEncounterError(
    error: Error,
    _fetchRequest: unknown,
    _fetchResponse?: unknown,
    context?: GatewayContext,
  ): never {
    const logger = context?.logger ?? this.logger;
    logger.warn({ err: error, serviceName: this.serviceName }, 'subgraph request failed');
    throw subgraphUnavailable(this.serviceName, error);
  }
}
