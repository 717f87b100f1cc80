import { IntrospectAndCompose } from '@apollo/gateway';
import type { Logger } from '@fedshop/logger';
import type { SubgraphUrls } from './subgraph-urls.js';

export interface IntrospectSubgraphsOptions {
  subgraphUrls: SubgraphUrls;
  logger: Logger;
  /**
   * How often running subgraphs are introspected again.
   * @defaultValue `defaultIntrospectionPollMs`
   */
  pollIntervalInMs?: number;
}

export const defaultIntrospectionPollMs = 5_000;

/**
 * Development only: composes the supergraph from the running subgraphs' `_service { sdl }`
 * and recomposes when one changes. Production serves a composed, reviewed file instead.
 */
export function introspectSubgraphs({
  subgraphUrls,
  logger,
  pollIntervalInMs = defaultIntrospectionPollMs,
}: IntrospectSubgraphsOptions): IntrospectAndCompose {
  return new IntrospectAndCompose({
    subgraphs: Object.entries(subgraphUrls).map(([name, url]) => ({ name, url })),
    pollIntervalInMs,
    logger,
  });
}
