export { startTestDatabaseServer, type TestDatabaseServer } from './test-database.js';
export {
  graphqlRequest,
  type GraphQLRequestOptions,
  type GraphQLResponse,
} from './graphql-request.js';
export { testJwtSecret } from './test-secrets.js';
export { findFreePort } from './free-port.js';
export {
  defaultRedisStartTimeoutMs,
  startPrivateRedis,
  type PrivateRedis,
} from './private-redis.js';
