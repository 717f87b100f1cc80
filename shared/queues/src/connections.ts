import { Redis } from 'ioredis';

/** How long a producer waits for one Redis command before giving up. @defaultValue 1000 ms */
export const defaultProducerCommandTimeoutMs = 1000;
/** How long any client waits to connect. @defaultValue 2000 ms */
export const defaultConnectTimeoutMs = 2000;

export interface ConnectionOptions {
  /** `redis://` or `rediss://` URL (`REDIS_URL`). */
  url: string;
  /** Shown in `CLIENT LIST`, so operators can tell the clients apart. */
  name: string;
  /** @defaultValue {@link defaultConnectTimeoutMs} */
  connectTimeoutMs?: number;
}

export interface ProducerConnectionOptions extends ConnectionOptions {
  /** @defaultValue {@link defaultProducerCommandTimeoutMs} */
  commandTimeoutMs?: number;
}

/**
 * For `Worker`s (and their blocking duplicates): commands wait through a reconnect
 * instead of failing, which is what BullMQ needs to keep its locks and blocking reads.
 */
export function createWorkerConnection(options: ConnectionOptions): Redis {
  return new Redis(options.url, {
    connectionName: options.name,
    connectTimeout: options.connectTimeoutMs ?? defaultConnectTimeoutMs,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    lazyConnect: true,
    retryStrategy: reconnectDelay,
  });
}

/**
 * For `Queue`s that add jobs from a request path or a relay: no offline queue and a
 * command timeout, so an outage or a hung server fails the call fast instead of holding
 * it. Never share one with a worker (their needs are opposite).
 */
export function createProducerConnection(options: ProducerConnectionOptions): Redis {
  return new Redis(options.url, {
    connectionName: options.name,
    connectTimeout: options.connectTimeoutMs ?? defaultConnectTimeoutMs,
    commandTimeout: options.commandTimeoutMs ?? defaultProducerCommandTimeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    lazyConnect: true,
    retryStrategy: reconnectDelay,
  });
}

/** Reconnect forever, backing off to 2 s: Redis coming back is the normal end of an outage. */
function reconnectDelay(attempt: number): number {
  return Math.min(50 * 2 ** Math.min(attempt, 6), 2000);
}
