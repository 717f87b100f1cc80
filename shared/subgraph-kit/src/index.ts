export {
  createSubgraphApp,
  type SubgraphApp,
  type SubgraphAppOptions,
} from './create-subgraph-app.js';
export type { BaseSubgraphContext } from './subgraph-context.js';
export { loadTypeDefs } from './load-type-defs.js';
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
  openServiceDatabase,
  type ServiceDatabase,
  type ServiceDatabaseOptions,
} from './service-database.js';
export {
  serveSubgraph,
  type RunningSubgraph,
  type ServeSubgraphOptions,
  type SubgraphServiceConfig,
} from './serve-subgraph.js';
