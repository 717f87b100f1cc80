import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Logger } from '@fedshop/logger';
import type { GatewayContext } from '../context.js';
import type { SubgraphCallHook } from './hooks/index.js';
import type { Fetcher } from './subgraph-fetcher.js';
import { subgraphUnavailable } from './subgraph-errors.js';

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  fetcher: Fetcher;
  /** Logs transport failures that happen outside a request (health checks, introspection). */
  logger: Logger;
  /** Run in order before every call (see `subgraphCallHooks`). */
  hooks: readonly SubgraphCallHook[];
}

/**
 * Calls one subgraph. Only headers the hooks set reach it: client headers (including a
 * forged `x-fedshop-user-id` or the raw token) are never copied through.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly serviceName: string;
  private readonly logger: Logger;
  private readonly hooks: readonly SubgraphCallHook[];

  constructor({ name, url, fetcher, logger, hooks }: SubgraphDataSourceOptions) {
    super({ url, fetcher });
    this.serviceName = name;
    this.logger = logger;
    this.hooks = hooks;
  }

  override async willSendRequest(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<void> {
    const headers = options.request.http?.headers;
    if (!headers) return;
    // Health checks and schema loads run outside any client request.
    const context = 'incomingRequestContext' in options ? options.context : undefined;
    const call = { serviceName: this.serviceName, headers, context };
    for (const hook of this.hooks) await hook(call);
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
