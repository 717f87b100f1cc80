import { createInternalTokenVerifier, readPublicKeySet } from '@fedshop/auth';
import type { ReadinessCheck } from '@fedshop/service-kit';
import type { Logger } from '@fedshop/logger';
import { createSubgraphApp, type SubgraphApp } from './create-subgraph-app.js';
import { loadTypeDefs } from './load-type-defs.js';
import type { SubgraphContext } from './subgraph-context.js';
import type { SubgraphDefinition, SubgraphServiceConfig } from './subgraph-definition.js';

export interface BuildSubgraphAppOptions<TConfig, TRepositories, TServices> {
  repositories: TRepositories;
  config: TConfig;
  logger: Logger;
  /** What `/readyz` waits for (the database). */
  readiness?: readonly ReadinessCheck[];
  /** @defaultValue `definition.createServices(repositories, config, logger)` (tests may pass their own) */
  services?: TServices;
}

/** A subgraph's HTTP app from its definition; listens on nothing (see `startSubgraph`). */
export async function buildSubgraphApp<
  TConfig extends SubgraphServiceConfig,
  TRepositories,
  TServices extends object,
  TLoaders extends object,
  TRequestState extends object,
>(
  definition: SubgraphDefinition<TConfig, TRepositories, TServices, TLoaders, TRequestState>,
  {
    repositories,
    config,
    logger,
    readiness = [],
    ...options
  }: BuildSubgraphAppOptions<TConfig, TRepositories, TServices>,
): Promise<SubgraphApp<SubgraphContext<TServices, TLoaders, TRequestState>>> {
  const services =
    options.services ?? (await definition.createServices(repositories, config, logger));
  return createSubgraphApp<SubgraphContext<TServices, TLoaders, TRequestState>>({
    service: definition.name,
    typeDefs: loadTypeDefs(definition.schema),
    resolvers: definition.resolvers,
    ...(definition.policies ? { policies: definition.policies } : {}),
    logger,
    production: config.production,
    readiness,
    internalTokens: createInternalTokenVerifier({
      keys: readPublicKeySet(config.internalJwksFile, 'INTERNAL_JWKS_FILE'),
      audience: definition.name,
      clockSkewSeconds: config.clockSkewSeconds,
    }),
    ...(definition.mountRoutes
      ? { mountRoutes: (app) => definition.mountRoutes?.(app, services, config) }
      : {}),
    buildContext: (base, visibilityFor) => {
      const context = {
        ...base,
        ...services,
        ...(definition.createRequestState?.() ?? ({} as TRequestState)),
      } as SubgraphContext<TServices, TLoaders, TRequestState>;
      // The loaders' visibility reads this very context (its viewer, its request state).
      context.loaders = definition.createLoaders(repositories, {
        visible: visibilityFor(context),
      });
      return context;
    },
  });
}
