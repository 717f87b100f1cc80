import { ApolloGateway, type SupergraphManager, type SupergraphSdlHook } from '@apollo/gateway';
import type { InternalTokenSigner } from '@fedshop/auth';
import type { Logger } from '@fedshop/logger';
import { subgraphCallHooks } from '../subgraphs/hooks/index.js';
import type { GatewayConfig } from '../config.js';
import { applyPolicies, subgraphPolicies } from '../subgraphs/policies/index.js';
import { attemptTimeout } from '../subgraphs/policies/attempt-timeout.js';
import type { PolicyMetrics } from '../subgraphs/policies/policy-metrics.js';
import { SubgraphDataSource } from '../subgraphs/subgraph-data-source.js';
import type { FetchStep } from '../subgraphs/subgraph-fetch.js';
import { subgraphTransport } from '../subgraphs/subgraph-transport.js';
import { introspectSubgraphs } from './introspect-subgraphs.js';
import { supergraphFromFile } from './supergraph-from-file.js';

export interface CreateGatewayOptions {
  config: GatewayConfig;
  logger: Logger;
  /** Signs the internal token of every subgraph call. */
  signInternal: InternalTokenSigner;
  /** Retries and circuit states, per subgraph. */
  policyMetrics: PolicyMetrics;
}

/**
 * ApolloGateway with its supergraph source: Apollo's uplink when managed federation is
 * configured, else running subgraphs (`introspect`, development) or the watched file.
 * `SUBGRAPH_URLS` overrides the URL the supergraph names for each listed subgraph.
 */
export function createGateway({
  config,
  logger,
  signInternal,
  policyMetrics,
}: CreateGatewayOptions): ApolloGateway {
  const settings = config.subgraphCalls;
  const transport = subgraphTransport(settings.maxResponseBytes);
  const sendOwn = applyPolicies([attemptTimeout(settings.subgraphTimeoutMs)], transport);
  // One policy stack per subgraph name, kept across supergraph reloads (breaker state included).
  const sends = new Map<string, FetchStep>();
  const sendFor = (name: string): FetchStep => {
    let send = sends.get(name);
    if (!send)
      sends.set(
        name,
        (send = applyPolicies(subgraphPolicies(name, settings, logger, policyMetrics), transport)),
      );
    return send;
  };
  const hooks = subgraphCallHooks(signInternal, config.signInternalTokens);
  const servedNames = new Set<string>();
  const base = {
    logger,
    // Validate every supergraph we load, so a broken reload is rejected, not half-applied.
    validateSupergraph: true,
    buildService: ({ name, url }: { name: string; url?: string | undefined }) => {
      servedNames.add(name);
      return new SubgraphDataSource({
        name,
        url: config.subgraphUrls[name] ?? url ?? '',
        logger,
        hooks,
        send: sendFor(name),
        sendOwn,
        timeoutMs: settings.subgraphTimeoutMs,
      });
    },
  };
  const supergraphSdl = supergraphSource(config, logger);
  // ApolloGateway reads this variable, and only this one, when it is constructed.
  process.env.APOLLO_TELEMETRY_DISABLED = config.apolloTelemetry ? 'false' : 'true';
  // Managed federation: no local source, so the gateway polls Apollo's uplink.
  const gateway = new ApolloGateway(supergraphSdl ? { ...base, supergraphSdl } : base);
  warnOnUnusedOverrides(gateway, config, servedNames, logger);
  return gateway;
}

/** A misspelt `SUBGRAPH_URLS` name would silently leave the supergraph's URL in use. */
function warnOnUnusedOverrides(
  gateway: ApolloGateway,
  config: GatewayConfig,
  servedNames: ReadonlySet<string>,
  logger: Logger,
): void {
  const warned = new Set<string>();
  gateway.onSchemaLoadOrUpdate(() => {
    for (const name of Object.keys(config.subgraphUrls)) {
      if (servedNames.has(name) || warned.has(name)) continue;
      warned.add(name);
      logger.warn(
        { subgraph: name, known: [...servedNames] },
        'SUBGRAPH_URLS names a subgraph the supergraph does not have',
      );
    }
  });
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
