import type { GraphQLDataSource } from '@apollo/gateway';
import type { Logger } from '@fedshop/logger';
import type { GatewayContext } from '../context.js';
import type { Deadline } from './deadline.js';
import type { OperationKind } from './operation-kind.js';

/** One fetch of a query plan toward one subgraph, as the policies see it. */
export interface SubgraphFetch {
  serviceName: string;
  url: string;
  operation: OperationKind;
  /** The JSON body (`query`, `variables`, `operationName`), serialised once. */
  body: string;
  /** Set by the hooks before any policy runs; the same for every attempt. */
  headers: Headers;
  /** The client request it serves; undefined for health checks and schema loads. */
  context: GatewayContext | undefined;
  deadline: Deadline;
  logger: Logger;
  /** Aborts the current attempt; set by the attempt-timeout policy. */
  signal?: AbortSignal;
}

/** A subgraph's GraphQL answer (`data`, `errors`, `extensions`). */
export type SubgraphAnswer = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** Sends a fetch (or hands it to the next policy) and resolves with the subgraph's answer. */
export type FetchStep = (fetch: SubgraphFetch) => Promise<SubgraphAnswer>;

/** Wraps the step below it: one resilience concern each, see `policies/index.ts`. */
export type SubgraphPolicy = (next: FetchStep) => FetchStep;
