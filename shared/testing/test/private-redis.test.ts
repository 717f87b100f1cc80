import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateRedis, type PrivateRedis } from '../src/index.js';

let redis: PrivateRedis;
let client: Redis;

beforeAll(async () => {
  redis = await startPrivateRedis();
  client = new Redis(redis.url, {
    maxRetriesPerRequest: 0,
    commandTimeout: 300,
    lazyConnect: true,
  });
  client.on('error', () => {});
  await client.connect();
});

afterAll(async () => {
  client?.disconnect();
  await redis?.stop();
});

describe('startPrivateRedis', () => {
  it('when started, then it answers on its own port, not the shared 6379', async () => {
    expect(redis.port).not.toBe(6379);
    await client.set('private-redis-test', 'yes');
    expect(await client.get('private-redis-test')).toBe('yes');
  });

  it('when paused, then commands hang (time out) until it is resumed', async () => {
    redis.pause();
    await expect(client.ping()).rejects.toThrow(/timed out/i);
    redis.resume();
    expect(await client.ping()).toBe('PONG');
  });

  it('when restarted, then it is empty and answers again on the same port', async () => {
    await redis.restart();
    const fresh = new Redis(redis.url, { maxRetriesPerRequest: 0 });
    try {
      expect(await fresh.get('private-redis-test')).toBeNull();
    } finally {
      fresh.disconnect();
    }
  });
});
