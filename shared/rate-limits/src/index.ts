export {
  createFailFastRedis,
  defaultMaxReconnectDelayMs,
  settleConnection,
  type FailFastRedisOptions,
} from './fail-fast-redis.js';
export {
  createFailoverLimiter,
  type FailMode,
  type FailoverLimiter,
  type FailoverLimiterOptions,
  type LimitState,
} from './failover-limiter.js';
export {
  addressKey,
  isAddressOrRange,
  parseAddress,
  trustedProxies,
  type TrustedProxies,
} from './address-key.js';
