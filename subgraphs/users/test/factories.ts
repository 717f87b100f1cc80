import { randomUUID } from 'node:crypto';
import { testKeyEnvironment } from '@fedshop/testing';
import type { Environment } from '@fedshop/config';

export interface SignUpInputData {
  email: string;
  password: string;
  name: string;
}

/** A valid sign-up with a unique email; override any field. */
export function buildSignUpInput(overrides: Partial<SignUpInputData> = {}): SignUpInputData {
  const tag = randomUUID().slice(0, 8);
  return {
    email: `user-${tag}@example.test`,
    password: `correct-horse-${tag}`,
    name: `User ${tag}`,
    ...overrides,
  };
}

/**
 * The environment a test service runs with; port 0 so suites run side by side, and a
 * queue prefix of its own, so its notification worker never meets another's jobs.
 */
export function buildUsersEnv(overrides: Environment = {}): Environment {
  return {
    USERS_PORT: '0',
    QUEUE_PREFIX: `test-${randomUUID()}`,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ...testKeyEnvironment,
    // Sign-in limits of its own in the shared Redis, and roomy: every test signs in from
    // one address. Tests of the limits set their own.
    AUTH_RATE_LIMIT_KEY_PREFIX: `fedshop-test:auth:${randomUUID()}`,
    AUTH_RATE_LIMIT_POINTS: '1000',
    ...overrides,
  };
}
