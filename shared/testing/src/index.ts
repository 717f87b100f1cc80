export { startTestDatabaseServer, type TestDatabaseServer } from './test-database.js';
export {
  graphqlRequest,
  subgraphRequest,
  type GraphQLRequestOptions,
  type GraphQLResponse,
} from './graphql-request.js';
export { testKeyEnvironment, testKeys } from './test-keys.js';
export { internalTokenHeaders, serviceTokenHeaders } from './internal-token-headers.js';
export { issueTestAccessToken } from './test-access-token.js';
export { findFreePort } from '@fedshop/service-kit';
export {
  defaultRedisStartTimeoutMs,
  startPrivateRedis,
  type PrivateRedis,
} from './private-redis.js';
export { sharedRedisUrl, startQueueTestScope, type QueueTestScope } from './queue-test-scope.js';
