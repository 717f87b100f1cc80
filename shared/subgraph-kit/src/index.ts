export {
  defineSubgraph,
  type BackgroundScope,
  type BackgroundWork,
  type EntityAccess,
  type SubgraphDefinition,
  type SubgraphServiceConfig,
} from './subgraph-definition.js';
export type { BaseSubgraphContext, SubgraphContext } from './subgraph-context.js';
export { buildSubgraphApp, type BuildSubgraphAppOptions } from './build-subgraph-app.js';
export {
  runSubgraph,
  startSubgraph,
  withSubgraphRepositories,
  type RunningSubgraph,
  type StartSubgraphOptions,
} from './start-subgraph.js';
export { runSubgraphWorker, startSubgraphWorker } from './start-subgraph-worker.js';
export {
  createSubgraphApp,
  type SubgraphApp,
  type SubgraphAppOptions,
} from './create-subgraph-app.js';
export { connectDatabase, databaseReadiness, type DatabaseOptions } from './database.js';
export { canonicalId, parseObjectId } from './object-id.js';
export { duplicateKeyErrorCode, isDuplicateKeyError } from './duplicate-key-error.js';
export { createEntityLoader } from './entity-loader.js';
export {
  decodeCursor,
  encodeCursor,
  maxPageSize,
  pageSize,
  toPage,
  type Page,
} from './pagination.js';
export {
  credentialedUri,
  embeddedStoreCredentials,
  type EmbeddedStoreCredentials,
} from './embedded-store-credentials.js';
export {
  openServiceDatabase,
  type ServiceDatabase,
  type ServiceDatabaseOptions,
} from './service-database.js';
export {
  authDirectiveName,
  authRequirements,
  type AuthPolicies,
  type AuthPolicy,
  type AuthRequirement,
  type AuthRule,
  type PolicyRequest,
} from './auth-rules.js';
export { applyAuthRules, type AuthorizedSchema, type Visibility } from './apply-auth-rules.js';
