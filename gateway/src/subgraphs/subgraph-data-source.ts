import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Logger } from '@fedshop/logger';
import type { GatewayContext } from '../context.js';
import { deadlineAfter } from './deadline.js';
import type { SubgraphCallHook } from './hooks/index.js';
import { operationKindOf } from './operation-kind.js';
import type { FetchStep, SubgraphAnswer, SubgraphFetch } from './subgraph-fetch.js';
import { subgraphUnavailable } from './subgraph-errors.js';
import { failureSummary } from './subgraph-failures.js';

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  /** Logs failures that happen outside a request (health checks, introspection). */
  logger: Logger;
  /** Run in order before every fetch (see `subgraphCallHooks`). */
  hooks: readonly SubgraphCallHook[];
  /** A client request's fetch, through the subgraph's policies (see `subgraphPolicies`). */
  send: FetchStep;
  /** The gateway's own fetches (health checks, schema loads): one attempt, within `timeoutMs`. */
  sendOwn: FetchStep;
  /** Deadline of the gateway's own fetches. */
  timeoutMs: number;
}

/**
 * Calls one subgraph. Only headers the hooks set reach it: client headers (including a
 * forged `x-fedshop-user-id` or the raw token) are never copied through. A failure becomes
 * an error naming the service, and the rest of the plan still answers (partial data).
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  readonly serviceName: string;
  private readonly options: SubgraphDataSourceOptions;

  constructor(options: SubgraphDataSourceOptions) {
    this.serviceName = options.name;
    this.options = options;
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphAnswer> {
    const { request } = options;
    if (!request.query) throw new Error('Missing query');
    // Health checks and schema loads run outside any client request.
    const context =
      'incomingRequestContext' in options ? options.incomingRequestContext.context : undefined;
    const logger = context?.logger ?? this.options.logger;
    // Only headers the gateway itself adds to the plan (Apollo's trace request) pass.
    const headers = new Headers(request.http?.headers ? [...request.http.headers] : []);
    headers.set('content-type', 'application/json');
    const call = { serviceName: this.serviceName, headers, context };
    for (const hook of this.options.hooks) await hook(call);

    const fetch: SubgraphFetch = {
      serviceName: this.serviceName,
      url: this.options.url,
      operation: operationKindOf(request.query),
      body: JSON.stringify({
        query: request.query,
        variables: request.variables,
        operationName: request.operationName,
        extensions: request.extensions,
      }),
      headers,
      context,
      deadline: context?.deadline ?? deadlineAfter(this.options.timeoutMs),
      logger,
    };
    try {
      return await (context ? this.options.send(fetch) : this.options.sendOwn(fetch));
    } catch (error) {
      logger.warn(
        { serviceName: this.serviceName, failure: failureSummary(error) },
        'subgraph request failed',
      );
      throw subgraphUnavailable(this.serviceName, error);
    }
  }
}
