import { Queue, type JobsOptions } from 'bullmq';
import { createProducerConnection } from './connections.js';
import type { QueueName } from './queue-names.js';
import type { QueueSettings } from './queue-settings.js';
import { defaultJobOptions } from './retention.js';

/** How long one publish may take before the caller gives up on it. @defaultValue 2000 ms */
export const defaultPublishTimeoutMs = 2000;

export interface QueueProducer {
  /**
   * Adds a job; rejects within `publishTimeoutMs` whatever Redis does (down, hung,
   * reconnecting). With `jobId`, adding the same id twice while it is retained is one job.
   */
  publish(queue: QueueName, jobId: string, data: object, options?: JobsOptions): Promise<void>;
  /** True when the client is connected: publishing now has a chance. */
  readonly connected: boolean;
  /** Called each time the client (re)connects, e.g. to send what waited during an outage. */
  onConnected(listener: () => void): void;
  close(): Promise<void>;
}

export interface QueueProducerOptions {
  settings: QueueSettings;
  /** The client's name in `CLIENT LIST`. */
  name: string;
  /** @defaultValue {@link defaultPublishTimeoutMs} */
  publishTimeoutMs?: number;
}

/** One fail-fast client shared by one `Queue` per queue name, created on first use. */
export function createQueueProducer(options: QueueProducerOptions): QueueProducer {
  const { settings } = options;
  const timeoutMs = options.publishTimeoutMs ?? defaultPublishTimeoutMs;
  const connection = createProducerConnection({ url: settings.redisUrl, name: options.name });
  // ioredis emits 'error' on every failed reconnect; the publish results carry the news.
  connection.on('error', () => {});
  connection.connect().catch(() => {});
  const queues = new Map<QueueName, Queue>();
  const jobOptions = defaultJobOptions(settings.retry);

  const queueFor = (name: QueueName): Queue => {
    let queue = queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection,
        prefix: settings.prefix,
        defaultJobOptions: jobOptions,
      });
      queue.on('error', () => {});
      queues.set(name, queue);
    }
    return queue;
  };

  return {
    get connected() {
      return connection.status === 'ready';
    },
    onConnected(listener) {
      connection.on('ready', listener);
    },
    async publish(name, jobId, data, jobOpts) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`publish to ${name} timed out`)), timeoutMs);
      });
      try {
        await Promise.race([queueFor(name).add(name, data, { ...jobOpts, jobId }), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await Promise.allSettled([...queues.values()].map((queue) => queue.close()));
      connection.disconnect();
    },
  };
}
