import { setTimeout as sleep } from 'node:timers/promises';
import { Worker, type Job, type Processor } from 'bullmq';
import type { Logger } from '@fedshop/logger';
import { createWorkerConnection } from './connections.js';
import type { QueueName } from './queue-names.js';
import type { QueueSettings } from './queue-settings.js';

export interface QueueWorkerOptions<TData> {
  queue: QueueName;
  settings: QueueSettings;
  processor: Processor<TData>;
  logger: Logger;
  /** Called for every failed attempt; `final` when no retry is left (the job stays failed). */
  onFailed?(job: Job<TData> | undefined, error: Error, final: boolean): void;
}

export interface QueueWorker {
  worker: Worker;
  /**
   * Lets in-flight jobs finish, then releases the Redis clients; gives up waiting after
   * {@link closeTimeoutMs} (see there).
   */
  close(): Promise<void>;
}

/**
 * How long `close` waits for BullMQ: the lock duration, at most 10 s. A worker closed just as
 * Redis comes back can wait on its reconnecting clients far longer; a job still running then
 * is recovered as stalled once its lock expires, and every consumer is idempotent.
 */
export const closeTimeoutMs = (settings: QueueSettings) =>
  Math.min(settings.worker.lockDurationMs, 10_000);

/**
 * A BullMQ worker with the project's settings: its own client (`maxRetriesPerRequest:
 * null`), the configured concurrency, lock duration and stall interval, errors logged
 * instead of thrown (a Redis outage must not crash the process).
 */
export function startQueueWorker<TData>(options: QueueWorkerOptions<TData>): QueueWorker {
  const { queue, settings, logger } = options;
  const connection = createWorkerConnection({
    url: settings.redisUrl,
    name: `${settings.prefix}-${queue}-worker`,
  });
  const worker = new Worker<TData>(queue, options.processor, {
    connection,
    prefix: settings.prefix,
    concurrency: settings.worker.concurrency,
    lockDuration: settings.worker.lockDurationMs,
    stalledInterval: settings.worker.stalledIntervalMs,
  });
  worker.on('error', (error) => logger.warn({ queue, err: error.message }, 'queue worker error'));
  worker.on('failed', (job, error) => {
    const final = job === undefined || job.attemptsMade >= (job.opts.attempts ?? 1);
    const line = { queue, jobId: job?.id, attempt: job?.attemptsMade, err: error.message };
    if (final) logger.error(line, 'job failed for good');
    else logger.warn(line, 'job failed, will retry');
    options.onFailed?.(job, error, final);
  });
  return {
    worker,
    async close() {
      const closed = worker.close().then(() => true);
      const inTime = await Promise.race([closed, sleep(closeTimeoutMs(settings), false)]);
      if (!inTime) {
        logger.warn({ queue }, 'queue worker did not close in time; its jobs recover as stalled');
        void worker.disconnect().catch(() => undefined);
      }
      connection.disconnect();
    },
  };
}
