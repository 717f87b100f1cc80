import { resolve } from 'node:path';
import { ConfigError } from '@fedshop/config';
import { describe, expect, it } from 'vitest';
import { loadOrdersConfig } from '../src/config.js';

describe('loadOrdersConfig', () => {
  it('when nothing is set, then development defaults apply with the embedded database', () => {
    expect(loadOrdersConfig({})).toEqual({
      port: 4003,
      host: '127.0.0.1',
      nodeEnv: 'development',
      production: false,
      logLevel: 'info',
      mongoUri: undefined,
      dataDir: './.data',
      internalJwksFile: resolve('.data/internal-jwks.json'),
      clockSkewSeconds: 30,
      queues: {
        redisUrl: 'redis://127.0.0.1:6379',
        prefix: 'fedshop',
        workerMode: 'inline',
        worker: { concurrency: 8, lockDurationMs: 30_000, stalledIntervalMs: 30_000 },
        retry: { attempts: 8, backoffMs: 200 },
        crashPoint: undefined,
      },
      workflow: {
        pendingTimeoutMs: 300_000,
        outboxSweepMs: 5000,
        idempotencyKeyTtlMs: 24 * 3600_000,
      },
    });
  });

  it('when variables are set, then they are used', () => {
    const config = loadOrdersConfig({
      ORDERS_PORT: '5003',
      INTERNAL_JWKS_FILE: '/etc/fedshop/internal-jwks.json',
      CLOCK_SKEW_SECONDS: '5',
      HOST: '0.0.0.0',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      ORDERS_MONGODB_URI: 'mongodb://db:27017/orders',
      DATA_DIR: '/var/lib/fedshop',
      REDIS_URL: 'redis://cache:6380',
      QUEUE_PREFIX: 'shop-a',
      WORKER_MODE: 'separate',
      WORKER_CONCURRENCY: '3',
      WORKER_LOCK_DURATION_MS: '4000',
      WORKER_STALLED_INTERVAL_MS: '2000',
      QUEUE_ATTEMPTS: '4',
      QUEUE_BACKOFF_MS: '100',
      ORDER_PENDING_TIMEOUT_SECONDS: '60',
      OUTBOX_SWEEP_MS: '1000',
      IDEMPOTENCY_KEY_TTL_HOURS: '2',
    });
    expect(config).toEqual({
      port: 5003,
      host: '0.0.0.0',
      nodeEnv: 'production',
      production: true,
      logLevel: 'warn',
      mongoUri: 'mongodb://db:27017/orders',
      dataDir: '/var/lib/fedshop',
      internalJwksFile: '/etc/fedshop/internal-jwks.json',
      clockSkewSeconds: 5,
      queues: {
        redisUrl: 'redis://cache:6380',
        prefix: 'shop-a',
        workerMode: 'separate',
        worker: { concurrency: 3, lockDurationMs: 4000, stalledIntervalMs: 2000 },
        retry: { attempts: 4, backoffMs: 100 },
        crashPoint: undefined,
      },
      workflow: { pendingTimeoutMs: 60_000, outboxSweepMs: 1000, idempotencyKeyTtlMs: 7_200_000 },
    });
  });

  it('when a workflow variable is bad, then it is named', () => {
    for (const [variable, value] of [
      ['WORKER_MODE', 'threads'],
      ['WORKER_CONCURRENCY', '0'],
      ['OUTBOX_SWEEP_MS', 'soon'],
      ['ORDER_PENDING_TIMEOUT_SECONDS', '-5'],
      ['QUEUE_PREFIX', 'a:b'],
      ['FEDSHOP_CRASH_POINT', 'somewhere'],
    ]) {
      expect(() => loadOrdersConfig({ [variable!]: value }), variable).toThrow(
        new RegExp(variable!),
      );
    }
  });

  it('when production sets FEDSHOP_CRASH_POINT, then it refuses to start', () => {
    expect(() =>
      loadOrdersConfig({
        NODE_ENV: 'production',
        ORDERS_MONGODB_URI: 'mongodb://db/orders',
        INTERNAL_JWKS_FILE: '/keys/internal-jwks.json',
        FEDSHOP_CRASH_POINT: 'after-publish',
      }),
    ).toThrow(/FEDSHOP_CRASH_POINT: not allowed in production/);
    expect(
      loadOrdersConfig({ NODE_ENV: 'test', FEDSHOP_CRASH_POINT: 'after-publish' }).queues
        .crashPoint,
    ).toBe('after-publish');
  });

  it('when production has no ORDERS_MONGODB_URI, then it fails naming the variable', () => {
    expect(() => loadOrdersConfig({ NODE_ENV: 'production' })).toThrow(/ORDERS_MONGODB_URI/);
  });

  it('when production has no INTERNAL_JWKS_FILE, then it fails naming the variable', () => {
    expect(() =>
      loadOrdersConfig({ NODE_ENV: 'production', ORDERS_MONGODB_URI: 'mongodb://db/orders' }),
    ).toThrow(/INTERNAL_JWKS_FILE: required in production/);
  });

  it('when another variable is also bad in production, then both are reported at once', () => {
    expect(() => loadOrdersConfig({ NODE_ENV: 'production', ORDERS_PORT: 'x' })).toThrow(
      /ORDERS_PORT[\s\S]*ORDERS_MONGODB_URI/,
    );
  });

  it('when values are invalid, then every bad variable is named and no value is echoed', () => {
    let thrown: unknown;
    try {
      loadOrdersConfig({ ORDERS_PORT: '70000', ORDERS_MONGODB_URI: 'postgres://secret@x/db' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const message = (thrown as ConfigError).message;
    expect(message).toMatch(/ORDERS_PORT/);
    expect(message).toMatch(/ORDERS_MONGODB_URI/);
    expect(message).not.toContain('secret');
  });
});
