import { ApolloGateway, type SupergraphManager, type SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '@fedshop/logger';
import type { GatewayConfig } from '../config.js';
import { createSubgraphFetcher } from '../subgraphs/subgraph-fetcher.js';
import { SubgraphDataSource } from '../subgraphs/subgraph-data-source.js';
import { introspectSubgraphs } from './introspect-subgraphs.js';
import { supergraphFromFile } from './supergraph-from-file.js';

export interface CreateGatewayOptions {
  config: GatewayConfig;
  logger: Logger;
}

/**
 * ApolloGateway with its supergraph source: Apollo's uplink when managed federation is
 * configured, else running subgraphs (`introspect`, development) or the watched file.
 * `SUBGRAPH_URLS` overrides the URL the supergraph names for each listed subgraph.
 */
export function createGateway({ config, logger }: CreateGatewayOptions): ApolloGateway {
  const fetcher = createSubgraphFetcher({ timeoutMs: config.subgraphTimeoutMs });
  const base = {
    logger,
    // Validate every supergraph we load, so a broken reload is rejected, not half-applied.
    validateSupergraph: true,
    buildService: ({ name, url }: { name: string; url?: string | undefined }) =>
      new SubgraphDataSource({
        name,
        url: config.subgraphUrls[name] ?? url ?? '',
        fetcher,
        logger,
      }),
  };
  const supergraphSdl = supergraphSource(config, logger);
  // Managed federation: no local source, so the gateway polls Apollo's uplink.
  return new ApolloGateway(supergraphSdl ? { ...base, supergraphSdl } : base);
}

function supergraphSource(
  config: GatewayConfig,
  logger: Logger,
): SupergraphSdlHook | SupergraphManager | undefined {
  if (config.apollo) return undefined;
  if (config.supergraphSource === 'introspect') {
    return introspectSubgraphs({ subgraphUrls: config.subgraphUrls, logger });
  }
  return supergraphFromFile({ path: config.supergraphPath, logger });
}
