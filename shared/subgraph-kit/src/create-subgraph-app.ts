import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { Express } from 'express';
import type { DocumentNode } from 'graphql';
import type { Registry } from 'prom-client';
import type { InternalTokenVerifier } from '@fedshop/auth';
import { createFormatError } from '@fedshop/errors';
import type { Logger } from '@fedshop/logger';
import {
  createServiceApp,
  handleHttpErrors,
  requestIdOf,
  useJsonBody,
  type ReadinessCheck,
} from '@fedshop/service-kit';
import { applyAuthRules, type Visibility } from './apply-auth-rules.js';
import type { AuthPolicies } from './auth-rules.js';
import type { BaseSubgraphContext } from './subgraph-context.js';
import { internalIdentityOf, useInternalAuthentication } from './use-internal-authentication.js';

export interface SubgraphAppOptions<TContext extends BaseSubgraphContext> {
  service: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  /** The policies the schema's `@auth` rules name. @defaultValue none */
  policies?: AuthPolicies<TContext>;
  logger: Logger;
  /** Production hides the landing page and masks unexpected errors. */
  production: boolean;
  /** @defaultValue `!production` */
  introspection?: boolean;
  /** Dependencies `/readyz` waits for (the database, Redis). */
  readiness?: readonly ReadinessCheck[];
  /** Verifies the gateway's internal token on every `/graphql` request. */
  internalTokens: InternalTokenVerifier;
  /** Routes outside `/graphql` that need no internal token (e.g. a public JWKS). */
  mountRoutes?: (app: Express) => void;
  /**
   * Adds per-request state (DataLoaders, services) to the base context; `visibilityFor`
   * gives the loaders of that context the schema's type rules (see `applyAuthRules`).
   */
  buildContext: (
    base: BaseSubgraphContext,
    visibilityFor: (context: TContext) => Visibility,
  ) => TContext;
}

export interface SubgraphApp<TContext extends BaseSubgraphContext> {
  app: Express;
  apollo: ApolloServer<TContext>;
  metrics: Registry;
}

/** An Apollo subgraph at `/graphql` on the shared service shell. */
export async function createSubgraphApp<TContext extends BaseSubgraphContext>(
  options: SubgraphAppOptions<TContext>,
): Promise<SubgraphApp<TContext>> {
  const { service, logger, production } = options;
  const { app, metrics } = createServiceApp({ service, logger, readiness: options.readiness });
  const plugins: ApolloServerPlugin<TContext>[] = production
    ? [ApolloServerPluginLandingPageDisabled()]
    : [];
  const { schema, visibilityFor } = applyAuthRules<TContext>(
    buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: options.resolvers }]),
    options.policies ?? {},
  );
  const apollo = new ApolloServer<TContext>({
    schema,
    introspection: options.introspection ?? !production,
    includeStacktraceInErrorResponses: !production,
    formatError: createFormatError({
      production,
      onUnexpectedError: (error) => logger.error({ err: error }, 'unexpected resolver error'),
    }),
    logger,
    plugins,
    // The process entry owns SIGTERM/SIGINT (handleShutdownSignals); Apollo's own handler
    // would re-raise the signal and cut the orderly close short.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  options.mountRoutes?.(app);
  app.use(
    '/graphql',
    useInternalAuthentication(options.internalTokens),
    useJsonBody(),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = requestIdOf(req);
        const { viewer, clientIp } = internalIdentityOf(req);
        return options.buildContext(
          {
            viewer,
            ...(clientIp ? { clientIp } : {}),
            requestId,
            logger: logger.child({ requestId }),
          },
          visibilityFor,
        );
      },
    }),
  );
  app.use(handleHttpErrors(logger));
  return { app, apollo, metrics };
}
