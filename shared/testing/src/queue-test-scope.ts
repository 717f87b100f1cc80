import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { queueSettings, queueFields, type QueueSettings } from '@fedshop/queues';
import { z } from '@fedshop/config';

/** The machine's shared Redis (`REDIS_URL` when set); tests on it use a unique prefix, never flush it. */
export const sharedRedisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

export interface QueueTestScope {
  /** A prefix no other test uses: `test-<uuid>`. */
  prefix: string;
  url: string;
  /** Queue settings on this prefix with short, test-sized lock and stall windows. */
  settings(overrides?: Partial<Record<keyof typeof queueFields, string>>): QueueSettings;
  /** The variables a service process needs to use this scope (`REDIS_URL`, `QUEUE_PREFIX`, ...). */
  env: Record<string, string>;
  /** Deletes every key under the prefix (SCAN + UNLINK; nothing else is touched). */
  cleanup(): Promise<void>;
}

/** Test-sized defaults: a killed worker's jobs come back within a second or two. */
const testQueueEnv = {
  WORKER_LOCK_DURATION_MS: '2000',
  WORKER_STALLED_INTERVAL_MS: '1000',
  QUEUE_BACKOFF_MS: '50',
};

/**
 * Queues of one test: a unique key prefix on the shared Redis (or on a private
 * `startPrivateRedis()` server for tests that break Redis), removed afterwards.
 */
export function startQueueTestScope(url: string = sharedRedisUrl): QueueTestScope {
  const prefix = `test-${randomUUID()}`;
  const env = { REDIS_URL: url, QUEUE_PREFIX: prefix, ...testQueueEnv };
  return {
    prefix,
    url,
    env,
    settings: (overrides = {}) =>
      queueSettings(z.object(queueFields).parse({ ...env, ...overrides })),
    async cleanup() {
      const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
      client.on('error', () => {});
      try {
        await client.connect();
        let cursor = '0';
        do {
          const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
          cursor = next;
          if (keys.length > 0) await client.unlink(...keys);
        } while (cursor !== '0');
      } catch {
        // A stopped private Redis has nothing left to clean.
      } finally {
        client.disconnect();
      }
    },
  };
}
