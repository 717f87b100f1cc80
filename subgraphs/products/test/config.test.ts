import { resolve } from 'node:path';
import { ConfigError } from '@fedshop/config';
import { describe, expect, it } from 'vitest';
import { loadProductsConfig } from '../src/config.js';

describe('loadProductsConfig', () => {
  it('when nothing is set, then the documented defaults apply', () => {
    expect(loadProductsConfig({})).toEqual({
      port: 4002,
      host: '127.0.0.1',
      nodeEnv: 'development',
      production: false,
      logLevel: 'info',
      mongoUri: undefined,
      dataDir: './.data',
      internalJwksFile: resolve('.data/internal-jwks.json'),
      clockSkewSeconds: 30,
      seedDemoProducts: true,
      queues: {
        redisUrl: 'redis://127.0.0.1:6379',
        prefix: 'fedshop',
        workerMode: 'inline',
        worker: { concurrency: 8, lockDurationMs: 30_000, stalledIntervalMs: 30_000 },
        retry: { attempts: 8, backoffMs: 200 },
        crashPoint: undefined,
      },
      holdRetentionMs: 24 * 3600_000,
    });
  });

  it('when variables are set, then they are used', () => {
    const config = loadProductsConfig({
      PRODUCTS_PORT: '5002',
      HOST: '0.0.0.0',
      LOG_LEVEL: 'debug',
      PRODUCTS_MONGODB_URI: 'mongodb://db:27017/products',
      DATA_DIR: '/var/lib/fedshop',
      SEED_DEMO_PRODUCTS: 'no',
      WORKER_MODE: 'separate',
      HOLD_RETENTION_HOURS: '48',
    });
    expect(config).toMatchObject({
      queues: { workerMode: 'separate' },
      holdRetentionMs: 48 * 3600_000,
      port: 5002,
      host: '0.0.0.0',
      logLevel: 'debug',
      mongoUri: 'mongodb://db:27017/products',
      dataDir: '/var/lib/fedshop',
      seedDemoProducts: false,
    });
  });

  it('when in production without PRODUCTS_MONGODB_URI, then a ConfigError names it', () => {
    expect(() => loadProductsConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadProductsConfig({ NODE_ENV: 'production' })).toThrow(/PRODUCTS_MONGODB_URI/);
  });

  it('when another variable is also bad in production, then both are reported at once', () => {
    expect(() => loadProductsConfig({ NODE_ENV: 'production', PRODUCTS_PORT: 'x' })).toThrow(
      /PRODUCTS_PORT[\s\S]*PRODUCTS_MONGODB_URI/,
    );
  });

  it('when in production, then demo products are not seeded unless asked for', () => {
    const base = {
      NODE_ENV: 'production',
      PRODUCTS_MONGODB_URI: 'mongodb://db/products',
      INTERNAL_JWKS_FILE: '/etc/fedshop/internal-jwks.json',
    };
    expect(loadProductsConfig(base).seedDemoProducts).toBe(false);
    expect(loadProductsConfig({ ...base, SEED_DEMO_PRODUCTS: 'true' }).seedDemoProducts).toBe(true);
  });

  it.each([
    ['PRODUCTS_PORT', 'http'],
    ['PRODUCTS_MONGODB_URI', 'postgres://db/products'],
    ['SEED_DEMO_PRODUCTS', 'maybe'],
    ['NODE_ENV', 'staging'],
  ])('when %s is %s, then a ConfigError names the variable', (variable, value) => {
    expect(() => loadProductsConfig({ [variable]: value })).toThrow(new RegExp(variable));
  });
});
