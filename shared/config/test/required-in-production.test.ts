import { describe, expect, it } from 'vitest';
import { fields, loadConfig, requiredInProduction, z } from '@fedshop/config';

const schema = z
  .object({
    NODE_ENV: fields.nodeEnv(),
    PORT: fields.port(4001),
    STORE_URI: fields.mongoUri().optional(),
    DATA_DIR: fields.dataDir(),
  })
  .refine(...requiredInProduction('STORE_URI', 'a mongodb:// URI'));

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(schema, env);
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

describe('requiredInProduction and fields.dataDir', () => {
  it('when outside production the variable is unset, then it is accepted and DATA_DIR defaults', () => {
    const config = loadConfig(schema, { NODE_ENV: 'development' });
    expect(config.STORE_URI).toBeUndefined();
    expect(config.DATA_DIR).toBe('./.data');
  });

  it('when in production the variable is unset, then the error names it and what it expects', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toMatch(
      /STORE_URI: required in production \(a mongodb:\/\/ URI\)/,
    );
  });

  it('when another variable is also bad, then both are reported together', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PORT: 'abc' });
    expect(problems).toContain('PORT');
    expect(problems).toContain('STORE_URI: required in production');
  });

  it('when the variable itself is invalid, then only its own problem is reported', () => {
    const problems = problemsOf({ NODE_ENV: 'production', STORE_URI: 'http://x' });
    expect(problems).toContain('STORE_URI: expected a mongodb:// or mongodb+srv:// URI');
    expect(problems).not.toContain('required in production');
  });

  it('when in production the variable is set, then it is kept', () => {
    const config = loadConfig(schema, { NODE_ENV: 'production', STORE_URI: 'mongodb://db/x' });
    expect(config.STORE_URI).toBe('mongodb://db/x');
  });
});
