import { Redis } from 'ioredis';
import type { Logger } from '@fedshop/logger';
import type { ReadinessCheck } from '@fedshop/service-kit';

export interface GatewayRedisOptions {
  url: string;
  logger: Logger;
  /** Longest pause between reconnect attempts. @defaultValue `defaultMaxReconnectDelayMs` */
  maxReconnectDelayMs?: number;
}

export const defaultMaxReconnectDelayMs = 2_000;

/**
 * The gateway's Redis connection. It fails fast instead of queueing while Redis is away
 * (a readiness probe must not hang), reconnects forever in the background, and logs one
 * line when Redis goes away and one when it is back, never a line per attempt. A missing
 * Redis never crashes the process.
 */
export function createGatewayRedis({
  url,
  logger,
  maxReconnectDelayMs = defaultMaxReconnectDelayMs,
}: GatewayRedisOptions): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, maxReconnectDelayMs),
  });
  let reachable: boolean | undefined;
  redis.on('ready', () => {
    if (reachable === false) logger.info('Redis is reachable again');
    reachable = true;
  });
  redis.on('error', (error: Error) => {
    if (reachable === false) return;
    reachable = false;
    logger.warn({ err: error }, 'Redis is unreachable (REDIS_URL); retrying in the background');
  });
  return redis;
}

/** `/readyz` needs Redis to answer PING; no keys are read or written. */
export function redisReadiness(redis: Redis): ReadinessCheck {
  return {
    name: 'redis',
    check: async () => (await redis.ping()) === 'PONG',
  };
}
