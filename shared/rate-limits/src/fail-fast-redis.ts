import { Redis } from 'ioredis';
import type { Logger } from '@fedshop/logger';

export interface FailFastRedisOptions {
  url: string;
  logger: Logger;
  /** Longest pause between reconnect attempts. @defaultValue `defaultMaxReconnectDelayMs` */
  maxReconnectDelayMs?: number;
  /** A command unanswered this long fails (a paused Redis hangs commands, it does not fail them). */
  commandTimeoutMs?: number;
}

export const defaultMaxReconnectDelayMs = 2_000;

/**
 * A Redis connection for rate-limit counters. A Redis outage is degraded mode (the limiters'
 * insurance), never a hang nor unreadiness: it fails fast instead of queueing while Redis is
 * away, reconnects forever in the background, and logs one line when Redis goes away and one
 * when it is back, never a line per attempt. A missing Redis never crashes the process.
 * Separate from any queue worker's client (those wait for Redis on purpose).
 */
export function createFailFastRedis({
  url,
  logger,
  maxReconnectDelayMs = defaultMaxReconnectDelayMs,
  commandTimeoutMs,
}: FailFastRedisOptions): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    ...(commandTimeoutMs === undefined ? {} : { commandTimeout: commandTimeoutMs }),
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

/**
 * Resolves once the client is connected, or as soon as connecting fails, or after
 * `timeoutMs`: whichever comes first, never rejecting. A service starting beside Redis then
 * counts its first requests there rather than in memory, and one starting while Redis is
 * down is not held up (its limits run on the insurance limiter until Redis answers).
 */
export function settleConnection(redis: Redis, timeoutMs = 2_000): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((settled) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      redis.off('error', done);
      settled();
    };
    const timer = setTimeout(done, timeoutMs);
    redis.once('ready', done);
    redis.once('error', done);
  });
}
