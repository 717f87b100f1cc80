import { describe, expect, it } from 'vitest';
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
  it('when only the secret is set, then the documented defaults apply', () => {
    const config = loadUsersConfig({ JWT_SECRET: 'd'.repeat(32) });
    expect(config).toEqual({
      port: 4001,
      host: '127.0.0.1',
      nodeEnv: 'development',
      production: false,
      logLevel: 'info',
      mongoUri: undefined,
      dataDir: './.data',
      jwtSecret: 'd'.repeat(32),
      jwtExpiresIn: '1h',
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
        JWT_EXPIRES_IN: '15m',
        SEED_ADMIN_EMAIL: ' Root@Shop.Test ',
        SEED_ADMIN_PASSWORD: 'a-long-admin-password',
      }),
    );
    expect(config).toMatchObject({
      port: 5001,
      host: '0.0.0.0',
      mongoUri: 'mongodb://db:27017/users',
      dataDir: '/var/lib/fedshop',
      jwtExpiresIn: '15m',
      seedAdmin: { email: 'root@shop.test', password: 'a-long-admin-password' },
    });
  });

  it.each([
    ['JWT_SECRET', { JWT_SECRET: undefined }],
    ['JWT_SECRET', { JWT_SECRET: 'too-short' }],
    ['USERS_PORT', { USERS_PORT: 'eighty' }],
    ['USERS_MONGODB_URI', { USERS_MONGODB_URI: 'http://db:27017' }],
    ['JWT_EXPIRES_IN', { JWT_EXPIRES_IN: '3600' }],
    ['SEED_ADMIN_EMAIL', { SEED_ADMIN_EMAIL: 'not-an-email' }],
    ['SEED_ADMIN_PASSWORD', { SEED_ADMIN_PASSWORD: 'short' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
  ])('when %s is invalid, then the error names it', (variable, overrides) => {
    const error = configErrorOf(buildUsersEnv(overrides));
    expect(error.message).toContain(variable);
    expect(error.problems.every((problem) => problem.startsWith(variable))).toBe(true);
  });

  it('when a secret is rejected, then its value is not echoed', () => {
    const error = configErrorOf(buildUsersEnv({ JWT_SECRET: 'leaky-short-secret' }));
    expect(error.message).not.toContain('leaky-short-secret');
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
