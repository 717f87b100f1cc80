import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '@fedshop/logger';
import {
  startPrivateRedis,
  startQueueTestScope,
  type PrivateRedis,
  type QueueTestScope,
} from '@fedshop/testing';
import { Redis } from 'ioredis';
import {
  createQueueProducer,
  queueNames,
  startQueueWorker,
  type QueueProducer,
  type QueueWorker,
} from '../src/index.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

function track<T extends { close(): Promise<void> }>(thing: T): T {
  closers.push(() => thing.close());
  return thing;
}

function scoped(url?: string): QueueTestScope {
  const scope = startQueueTestScope(url);
  closers.push(() => scope.cleanup());
  return scope;
}

describe('producer and worker', () => {
  it('when the same job id is published twice, then the worker runs it once', async () => {
    const scope = scoped();
    const settings = scope.settings();
    const seen: unknown[] = [];
    const producer: QueueProducer = track(createQueueProducer({ settings, name: 'test' }));
    await producer.publish(queueNames.orderEvents, 'order-1', { n: 1 });
    await producer.publish(queueNames.orderEvents, 'order-1', { n: 2 });
    const worker: QueueWorker = track(
      startQueueWorker({
        queue: queueNames.orderEvents,
        settings,
        logger: createMemoryLogger({ service: 'queues-test' }).logger,
        processor: async (job) => {
          seen.push(job.data);
        },
      }),
    );
    await waitFor(() => seen.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toEqual([{ n: 1 }]);
    expect(worker.worker.isRunning()).toBe(true);
  });

  it('when a job fails for good, then it stays in the failed set and onFailed says final', async () => {
    const scope = scoped();
    const settings = scope.settings({ QUEUE_ATTEMPTS: '2', QUEUE_BACKOFF_MS: '10' });
    const finals: boolean[] = [];
    const producer = track(createQueueProducer({ settings, name: 'test' }));
    track(
      startQueueWorker({
        queue: queueNames.stockReplies,
        settings,
        logger: createMemoryLogger({ service: 'queues-test' }).logger,
        processor: async () => {
          throw new Error('transient');
        },
        onFailed: (_job, _error, final) => finals.push(final),
      }),
    );
    await producer.publish(queueNames.stockReplies, 'reply-1', { n: 1 });
    await waitFor(() => finals.length >= 2);
    expect(finals).toEqual([false, true]);
    const client = new Redis(scope.url);
    closers.push(async () => client.disconnect());
    const failed = await client.zrange(`${scope.prefix}:${queueNames.stockReplies}:failed`, 0, -1);
    expect(failed).toEqual(['reply-1']);
  });

  it('when Redis hangs, then publish rejects within its timeout instead of waiting', async () => {
    const redis: PrivateRedis = await startPrivateRedis();
    closers.push(() => redis.stop());
    const settings = scoped(redis.url).settings();
    const producer = track(createQueueProducer({ settings, name: 'test', publishTimeoutMs: 300 }));
    await producer.publish(queueNames.reserveStock, 'warm-1', { n: 1 });
    redis.pause();
    closers.push(async () => redis.resume());
    const started = Date.now();
    await expect(producer.publish(queueNames.reserveStock, 'hung-1', { n: 1 })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('when Redis is down, then publish rejects at once and the producer says not connected', async () => {
    const redis = await startPrivateRedis();
    const settings = scoped(redis.url).settings();
    await redis.stop();
    const producer = track(createQueueProducer({ settings, name: 'test', publishTimeoutMs: 300 }));
    const started = Date.now();
    await expect(producer.publish(queueNames.reserveStock, 'down-1', { n: 1 })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1500);
    expect(producer.connected).toBe(false);
  });

  it('when a worker is closed just as Redis comes back, then close returns within its timeout', async () => {
    const redis = await startPrivateRedis();
    closers.push(() => redis.stop());
    const settings = scoped(redis.url).settings({ WORKER_LOCK_DURATION_MS: '1000' });
    const { logger } = createMemoryLogger({ service: 'queues-test' });
    const worker = startQueueWorker({
      queue: queueNames.orderEvents,
      settings,
      logger,
      processor: async () => undefined,
    });
    await waitFor(() => worker.worker.isRunning());
    await new Promise((resolve) => setTimeout(resolve, 300));
    await redis.stop();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await redis.restart();

    const started = Date.now();
    await worker.close();

    expect(Date.now() - started).toBeLessThan(1000 + 500);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
