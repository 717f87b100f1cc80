import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import { createFormatError } from '@fedshop/errors';
import { queueNames } from '@fedshop/queues';
import type { Logger } from '@fedshop/logger';
import { createFailFastRedis, trustedProxies } from '@fedshop/rate-limits';
import { createMetricsRegistry, createServiceApp, handleHttpErrors } from '@fedshop/service-kit';
import type { GatewayConfig } from './config.js';
import { gatewayContext, type GatewayContext } from './context.js';
import { edgePipeline } from './edge/edge-pipeline.js';
import { apolloPlugins } from './plugins/apollo-plugins.js';
import { createCallerBudget } from './budget/caller-budget.js';
import { supergraphReadiness } from './readiness/supergraph-readiness.js';
import { createGateway } from './supergraph/create-gateway.js';
import { createPolicyMetrics } from './subgraphs/policies/policy-metrics.js';
import { loadGatewayKeys } from './trust/gateway-keys.js';
import { holdSchemas } from './supergraph/schema-holder.js';
import { createCostModel } from './cost/cost-model.js';
import { mountQueueDashboard } from './admin/queue-dashboard.js';

export const serviceName = 'gateway';

export interface GatewayApp {
  app: Express;
  apollo: ApolloServer<GatewayContext>;
  redis: Redis;
  /** Stops Apollo (and the supergraph watcher or poller), then Redis. */
  close(): Promise<void>;
}

export interface CreateGatewayAppOptions {
  config: GatewayConfig;
  logger: Logger;
}

/**
 * The edge: the HTTP steps of `edgePipeline`, then Apollo Server over ApolloGateway at
 * `/graphql` (POST and GET), on the shared service shell (`/healthz`, `/readyz`,
 * `/metrics`). Loads the supergraph before resolving.
 */
export async function createGatewayApp({
  config,
  logger,
}: CreateGatewayAppOptions): Promise<GatewayApp> {
  const keys = await loadGatewayKeys(config);
  const metrics = createMetricsRegistry(serviceName);
  const gateway = createGateway({
    config,
    logger,
    signInternal: keys.signInternal,
    policyMetrics: createPolicyMetrics(metrics),
  });
  // Created before start: it listens for the gateway's first supergraph load.
  const supergraphReady = supergraphReadiness(gateway);
  const schemas = holdSchemas(gateway);
  const costModel = createCostModel(schemas, logger);
  const redis = createFailFastRedis({
    url: config.redisUrl,
    logger,
    commandTimeoutMs: config.rateLimit.redisTimeoutMs,
  });
  const budget = createCallerBudget({ redis, logger, metrics, ...config.rateLimit });
  const proxies = trustedProxies(config.trustedProxies);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    nodeEnv: config.nodeEnv,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: !config.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: config.maxBatchedOperations > 1,
    // handleShutdownSignals owns SIGTERM/SIGINT; Apollo's own handler would re-send the signal.
    stopOnTerminationSignals: false,
    // Usage reporting turns on with managed federation (both APOLLO_KEY and APOLLO_GRAPH_REF).
    ...(config.apollo ? { apollo: config.apollo } : {}),
    formatError: createFormatError({
      production: config.production,
      onUnexpectedError: (error) => logger.error({ err: error }, 'unexpected gateway error'),
    }),
    logger,
    plugins: apolloPlugins(config, { costModel, budget }),
  });
  try {
    await apollo.start();
  } catch (error) {
    redis.disconnect();
    throw error;
  }

  const { app } = createServiceApp({
    service: serviceName,
    logger,
    metrics,
    // Redis is not here: without it the gateway runs degraded (RATE_LIMIT_FAIL_MODE), not unready.
    readiness: [supergraphReady],
  });
  app.get('/.well-known/jwks.json', (_req, res, next) => {
    keys.publicKeys().then((publicKeys) => {
      res.setHeader('cache-control', 'public, max-age=300');
      res.json(publicKeys);
    }, next);
  });
  app.use(
    '/graphql',
    ...edgePipeline(config, { schemas, budget, proxies, metrics, keys }),
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        gatewayContext(req, logger, config.subgraphCalls.requestTimeoutMs),
    }),
  );
  const dashboard = mountQueueDashboard(app, {
    config,
    logger,
    keys,
    proxies,
    queueNames: Object.values(queueNames),
  });
  app.use(handleHttpErrors(logger));

  return {
    app,
    apollo,
    redis,
    close: async () => {
      await apollo.stop();
      await dashboard.close();
      redis.disconnect();
    },
  };
}
