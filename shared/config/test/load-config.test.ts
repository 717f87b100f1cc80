import { describe, expect, it } from 'vitest';
import { ConfigError, fields, loadConfig, z } from '@fedshop/config';

const schema = z.object({
  USERS_PORT: fields.port(4001),
  JWT_SECRET: fields.jwtSecret(),
  INTROSPECTION: fields.booleanFlag(false),
  CORS_ORIGINS: fields.commaList(),
});

describe('loadConfig', () => {
  it('when variables are valid, then it returns typed values with defaults', () => {
    const config = loadConfig(schema, {
      JWT_SECRET: 'x'.repeat(32),
      INTROSPECTION: 'TRUE',
      CORS_ORIGINS: 'http://a.test, ,http://b.test',
    });
    expect(config).toEqual({
      USERS_PORT: 4001,
      JWT_SECRET: 'x'.repeat(32),
      INTROSPECTION: true,
      CORS_ORIGINS: ['http://a.test', 'http://b.test'],
    });
  });

  it('when a variable is empty, then its default applies', () => {
    const config = loadConfig(schema, { JWT_SECRET: 'y'.repeat(40), USERS_PORT: '' });
    expect(config.USERS_PORT).toBe(4001);
  });

  it('when a variable is invalid, then the error names it without echoing secrets', () => {
    const secret = 'short-secret-value';
    let error: unknown;
    try {
      loadConfig(schema, { USERS_PORT: 'abc', JWT_SECRET: secret });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('USERS_PORT');
    expect(message).toContain('JWT_SECRET');
    expect(message).not.toContain(secret);
  });

  it('when a required variable is missing, then the message says it is required', () => {
    expect(() => loadConfig(schema, {})).toThrow(/JWT_SECRET: is required but not set/);
  });

  it('when a port is out of range, then the message says the range', () => {
    expect(() => loadConfig(schema, { USERS_PORT: '70000', JWT_SECRET: 'z'.repeat(32) })).toThrow(
      /USERS_PORT: expected a port between 0 and 65535/,
    );
  });
});
