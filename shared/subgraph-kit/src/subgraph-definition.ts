import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { Express } from 'express';
import type { Connection } from 'mongoose';
import type { Logger, LogLevel } from '@fedshop/logger';
import type { AuthPolicies } from './auth-rules.js';
import type { Visibility } from './apply-auth-rules.js';
import type { SubgraphContext } from './subgraph-context.js';

/** The part of a subgraph's parsed configuration the kit itself reads. */
export interface SubgraphServiceConfig {
  /** `*_MONGODB_URI`; unset starts the embedded default. */
  mongoUri?: string | undefined;
  dataDir?: string | undefined;
  /** 0 picks a free port. */
  port: number;
  host: string;
  /** Hides the landing page and masks unexpected errors. */
  production: boolean;
  logLevel: LogLevel;
  /** The gateway's public keys (`INTERNAL_JWKS_FILE`). */
  internalJwksFile: string;
  /** `CLOCK_SKEW_SECONDS`. */
  clockSkewSeconds: number;
}

/**
 * Everything that makes one subgraph, in one place. The kit owns the rest: the database,
 * the per-request context, readiness, listening and the stop order (see `startSubgraph`).
 */
export interface SubgraphDefinition<
  TConfig extends SubgraphServiceConfig,
  TRepositories,
  TServices extends object,
  TLoaders extends object,
  TRequestState extends object = Record<never, never>,
> {
  /** The service's name; also its embedded database's name. */
  name: string;
  /** Its `schema.graphql` (schema-first). */
  schema: URL;
  resolvers: GraphQLResolverMap<SubgraphContext<TServices, TLoaders, TRequestState>>;
  /**
   * The policies `@auth(policy: "...")` names in the schema. Access rules live in the
   * schema and here, never in services or resolvers.
   */
  policies?: AuthPolicies<SubgraphContext<TServices, TLoaders, TRequestState>>;
  /** Built once, on the open database; repositories return plain objects. */
  createRepositories(connection: Connection): Promise<TRepositories>;
  /** The domain services (use cases) resolvers call; spread into the context. */
  createServices(
    repositories: TRepositories,
    config: TConfig,
    logger: Logger,
  ): TServices | Promise<TServices>;
  /**
   * Fresh for every request. `access.visible(type)` is that type's `@auth` rule for this
   * request's caller: pass it to `createEntityLoader` so lookups by id see what the
   * caller may see, before any use case acts on them.
   */
  createLoaders(repositories: TRepositories, access: EntityAccess): TLoaders;
  /** Other per-request state, fresh for every request. */
  createRequestState?(): TRequestState;
  /** Routes beside `/graphql` that need no internal token (e.g. users' public JWKS). */
  mountRoutes?(app: Express, services: TServices, config: TConfig): void;
  /** Run at start-up before serving: seeds an empty database when the configuration asks. */
  seedOnStart?(repositories: TRepositories, config: TConfig, logger: Logger): Promise<void>;
  /**
   * Work that runs beside the requests (queue workers, relays, sweepers), started once the
   * services exist; closed after the listener stops and before the database closes.
   */
  startBackground?(
    scope: BackgroundScope<TConfig, TRepositories, TServices>,
  ): Promise<BackgroundWork>;
  /**
   * The work a separate worker process runs (`WORKER_MODE=separate`, the service's
   * `src/worker.ts`): same database, credentials and services, no HTTP listener.
   */
  startWorkers?(scope: BackgroundScope<TConfig, TRepositories, TServices>): Promise<BackgroundWork>;
}

export interface BackgroundScope<TConfig, TRepositories, TServices> {
  repositories: TRepositories;
  services: TServices;
  config: TConfig;
  logger: Logger;
}

/** What `startBackground` started; `close` finishes in-flight work and releases its clients. */
export interface BackgroundWork {
  close(): Promise<void>;
}

export interface EntityAccess {
  visible: Visibility;
}

/** Declares a subgraph; the identity function that gives the definition its types. */
export function defineSubgraph<
  TConfig extends SubgraphServiceConfig,
  TRepositories,
  TServices extends object,
  TLoaders extends object,
  TRequestState extends object = Record<never, never>,
>(
  definition: SubgraphDefinition<TConfig, TRepositories, TServices, TLoaders, TRequestState>,
): SubgraphDefinition<TConfig, TRepositories, TServices, TLoaders, TRequestState> {
  return definition;
}
