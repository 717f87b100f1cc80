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
    });
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
