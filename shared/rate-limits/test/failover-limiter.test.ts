import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '@fedshop/logger';
import {
  addressKey,
  createFailFastRedis,
  createFailoverLimiter,
  type FailoverLimiterOptions,
  type LimitState,
} from '@fedshop/rate-limits';
import { startPrivateRedis, type PrivateRedis } from '@fedshop/testing';

let shared: Redis;
let privateRedis: PrivateRedis;
let privateClient: Redis;
const logs = createMemoryLogger({ service: 'rate-limits', level: 'trace' });

beforeAll(async () => {
  privateRedis = await startPrivateRedis();
  shared = createFailFastRedis({
    url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    logger: logs.logger,
    commandTimeoutMs: 100,
  });
  privateClient = createFailFastRedis({
    url: privateRedis.url,
    logger: logs.logger,
    commandTimeoutMs: 100,
  });
  // Fail-fast clients refuse commands until connected.
  await Promise.all(
    [shared, privateClient].map((client) =>
      client.status === 'ready' ? undefined : new Promise((ready) => client.once('ready', ready)),
    ),
  );
});

afterAll(async () => {
  shared?.disconnect();
  privateClient?.disconnect();
  await privateRedis?.stop();
});

const limiterOn = (redis: Redis, options: Partial<FailoverLimiterOptions> = {}) =>
  createFailoverLimiter({
    redis,
    points: 3,
    windowSeconds: 60,
    keyPrefix: `test-limits:${randomUUID()}`,
    logger: logs.logger,
    name: 'test limits',
    ...options,
  });

describe('failover limiter', () => {
  it('when a key spends its points, then the next charge is refused with the seconds to wait', async () => {
    const limiter = limiterOn(shared);
    const states: (LimitState | 'unavailable')[] = [];
    for (let index = 0; index < 4; index += 1) states.push(await limiter.consume('k'));
    expect(states.map((state) => state !== 'unavailable' && state.allowed)).toEqual([
      true,
      true,
      true,
      false,
    ]);
    const last = states[3] as LimitState;
    expect(last).toMatchObject({ consumed: 4, remaining: 0 });
    expect(last.resetSeconds).toBeGreaterThanOrEqual(59);
    // Other keys are untouched; a reset forgets the key.
    expect(await limiter.peek('other')).toMatchObject({ allowed: true, remaining: 3 });
    await limiter.reset('k');
    expect(await limiter.peek('k')).toMatchObject({ allowed: true, remaining: 3 });
  });

  it('when two limiters share a prefix, then they share the count (two replicas)', async () => {
    const keyPrefix = `test-limits:${randomUUID()}`;
    const one = limiterOn(shared, { keyPrefix });
    const two = limiterOn(shared, { keyPrefix });
    await one.consume('k', 2);
    expect(await two.consume('k')).toMatchObject({ allowed: true, remaining: 0 });
    expect(await one.consume('k')).toMatchObject({ allowed: false });
  });

  it('when Redis is paused, then open mode counts in memory at once and closed mode answers unavailable', async () => {
    const open = limiterOn(privateClient, { points: 2 });
    const closed = limiterOn(privateClient, { failMode: 'closed' });
    const errors: string[] = [];
    const counting = limiterOn(privateClient, { onStoreError: (mode) => errors.push(mode) });
    privateRedis.pause();
    try {
      const started = performance.now();
      const answers = [await open.consume('k'), await open.consume('k'), await open.consume('k')];
      expect(answers.map((state) => state !== 'unavailable' && state.allowed)).toEqual([
        true,
        true,
        false,
      ]);
      expect(await closed.consume('k')).toBe('unavailable');
      await counting.consume('k');
      // Each call waits at most the command timeout (100 ms), never for Redis to come back.
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(errors).toEqual(['open']);
    } finally {
      privateRedis.resume();
    }
    // One line per limiter when its outage starts, not one per call.
    const outageLines = logs
      .lines()
      .map((line) => JSON.parse(line) as { msg: string })
      .filter(({ msg }) => msg.startsWith('Redis cannot count test limits'));
    expect(outageLines).toHaveLength(3);
  });
});

describe('addressKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:ffff::1', '2001:db8:1:2::/64'],
    ['not an address', 'not an address'],
  ])('when the address is %s, then the key is %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});
