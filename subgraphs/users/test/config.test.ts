import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { ConfigError } from '@fedshop/config';
import { developmentAdmin, loadUsersConfig } from '@fedshop/users';
import { buildUsersEnv } from './factories.js';

const productionEnv = (overrides: Record<string, string> = {}) =>
  buildUsersEnv({
    NODE_ENV: 'production',
    USERS_MONGODB_URI: 'mongodb://mongo:27017/users',
    ...overrides,
  });

function configErrorOf(env: Record<string, string | undefined>): ConfigError {
  try {
    loadUsersConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadUsersConfig', () => {
  it('when nothing is set, then the documented defaults apply, keys under DATA_DIR', () => {
    const config = loadUsersConfig({});
    expect(config).toEqual({
      port: 4001,
      host: '127.0.0.1',
      nodeEnv: 'development',
      production: false,
      logLevel: 'info',
      mongoUri: undefined,
      dataDir: './.data',
      internalJwksFile: resolve('.data/internal-jwks.json'),
      clockSkewSeconds: 30,
      tokenSigningKeysFile: resolve('.data/token-signing-keys.json'),
      tokenSigningKid: undefined,
      accessTokenTtl: '15m',
      refreshTokenTtlSeconds: 30 * 86_400,
      sessionSweepMs: 600_000,
      redisUrl: 'redis://127.0.0.1:6379',
      authLimits: {
        points: 20,
        windowSeconds: 60,
        loginFailures: 10,
        loginFailuresWindowSeconds: 900,
        keyPrefix: 'fedshop:auth-limits',
      },
      queues: {
        redisUrl: 'redis://127.0.0.1:6379',
        prefix: 'fedshop',
        workerMode: 'inline',
        worker: { concurrency: 8, lockDurationMs: 30_000, stalledIntervalMs: 30_000 },
        retry: { attempts: 8, backoffMs: 200 },
        crashPoint: undefined,
      },
      warnings: [],
      seedAdmin: { email: developmentAdmin.email, password: developmentAdmin.password },
    });
  });

  it('when variables are set, then they are used (admin email normalised)', () => {
    const config = loadUsersConfig(
      buildUsersEnv({
        USERS_PORT: '5001',
        HOST: '0.0.0.0',
        USERS_MONGODB_URI: 'mongodb://db:27017/users',
        DATA_DIR: '/var/lib/fedshop',
        ACCESS_TOKEN_TTL: '5m',
        REFRESH_TOKEN_TTL: '12h',
        SESSION_SWEEP_MS: '1000',
        TOKEN_SIGNING_KID: 'k2',
        SEED_ADMIN_EMAIL: ' Root@Shop.Test ',
        SEED_ADMIN_PASSWORD: 'a-long-admin-password',
      }),
    );
    expect(config).toMatchObject({
      port: 5001,
      host: '0.0.0.0',
      mongoUri: 'mongodb://db:27017/users',
      dataDir: '/var/lib/fedshop',
      accessTokenTtl: '5m',
      refreshTokenTtlSeconds: 12 * 3600,
      sessionSweepMs: 1000,
      tokenSigningKid: 'k2',
      seedAdmin: { email: 'root@shop.test', password: 'a-long-admin-password' },
    });
  });

  it.each([
    ['USERS_PORT', { USERS_PORT: 'eighty' }],
    ['USERS_MONGODB_URI', { USERS_MONGODB_URI: 'http://db:27017' }],
    ['ACCESS_TOKEN_TTL', { ACCESS_TOKEN_TTL: '3600' }],
    ['REFRESH_TOKEN_TTL', { REFRESH_TOKEN_TTL: 'forever' }],
    ['SESSION_SWEEP_MS', { SESSION_SWEEP_MS: '0' }],
    ['REDIS_URL', { REDIS_URL: 'http://redis:6379' }],
    ['AUTH_RATE_LIMIT_POINTS', { AUTH_RATE_LIMIT_POINTS: '0' }],
    ['AUTH_RATE_LIMIT_WINDOW_SECONDS', { AUTH_RATE_LIMIT_WINDOW_SECONDS: 'a minute' }],
    ['LOGIN_FAILURES_PER_EMAIL', { LOGIN_FAILURES_PER_EMAIL: '-3' }],
    ['LOGIN_FAILURES_WINDOW_SECONDS', { LOGIN_FAILURES_WINDOW_SECONDS: '1.5' }],
    ['CLOCK_SKEW_SECONDS', { CLOCK_SKEW_SECONDS: '-1' }],
    ['SEED_ADMIN_EMAIL', { SEED_ADMIN_EMAIL: 'not-an-email' }],
    ['SEED_ADMIN_PASSWORD', { SEED_ADMIN_PASSWORD: 'short' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
  ])('when %s is invalid, then the error names it', (variable, overrides) => {
    const error = configErrorOf(buildUsersEnv(overrides));
    expect(error.message).toContain(variable);
    expect(error.problems.every((problem) => problem.startsWith(variable))).toBe(true);
  });

  it('when a value is rejected, then it is not echoed', () => {
    const error = configErrorOf(buildUsersEnv({ SEED_ADMIN_PASSWORD: 'leaky' }));
    expect(error.message).not.toContain('leaky');
  });

  it('when the retired JWT_SECRET and JWT_EXPIRES_IN are set, then one warning each names the replacements', () => {
    const config = loadUsersConfig(
      buildUsersEnv({ JWT_SECRET: 's'.repeat(40), JWT_EXPIRES_IN: '1h' }),
    );
    expect(config.warnings).toEqual([
      expect.stringMatching(
        /^JWT_SECRET is retired: .*TOKEN_SIGNING_KEYS_FILE.*JWKS_URL or JWKS_FILE/,
      ),
      'JWT_EXPIRES_IN is retired: set ACCESS_TOKEN_TTL (and REFRESH_TOKEN_TTL)',
    ]);
    expect(config.warnings.join(' ')).not.toContain('s'.repeat(40));
  });

  it('when production has no key files, then the error names each variable', () => {
    const error = configErrorOf({
      ...productionEnv(),
      TOKEN_SIGNING_KEYS_FILE: undefined,
      INTERNAL_JWKS_FILE: undefined,
    });
    expect(error.message).toContain('TOKEN_SIGNING_KEYS_FILE: required in production');
    expect(error.message).toContain('INTERNAL_JWKS_FILE: required in production');
  });

  it('when production has no USERS_MONGODB_URI, then it is a config error naming it', () => {
    const error = configErrorOf(productionEnv({ USERS_MONGODB_URI: '' }));
    expect(error.message).toContain('USERS_MONGODB_URI');
  });

  it('when production has no admin credentials, then no admin is seeded (no development default)', () => {
    expect(loadUsersConfig(productionEnv()).seedAdmin).toBeNull();
  });

  it('when production has both admin variables, then they are the admin to seed', () => {
    const config = loadUsersConfig(
      productionEnv({ SEED_ADMIN_EMAIL: 'ops@shop.test', SEED_ADMIN_PASSWORD: 'production-pass' }),
    );
    expect(config.seedAdmin).toEqual({ email: 'ops@shop.test', password: 'production-pass' });
  });

  it('when production has only one admin variable, then the error names the other', () => {
    const error = configErrorOf(productionEnv({ SEED_ADMIN_EMAIL: 'ops@shop.test' }));
    expect(error.message).toContain('SEED_ADMIN_PASSWORD');
  });

  it('when another variable is also bad in production, then every production rule is reported at once', () => {
    const error = configErrorOf({
      ...productionEnv({ USERS_PORT: 'x', SEED_ADMIN_EMAIL: 'ops@shop.test' }),
      USERS_MONGODB_URI: undefined,
    });
    expect(error.message).toMatch(/USERS_PORT[\s\S]*USERS_MONGODB_URI[\s\S]*SEED_ADMIN_PASSWORD/);
  });
});
