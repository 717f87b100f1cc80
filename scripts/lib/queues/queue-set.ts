import { Queue } from 'bullmq';
import { createProducerConnection, queueNames, type QueueName } from '@fedshop/queues';

/** The workflow's queue names, as operators type them. */
export const knownQueueNames: readonly QueueName[] = Object.values(queueNames);

export const isQueueName = (name: string): name is QueueName =>
  (knownQueueNames as readonly string[]).includes(name);

export interface QueueSet {
  queue(name: QueueName): Queue;
  close(): Promise<void>;
}

/** A Redis command unanswered this long fails the command (a hung Redis is an error). */
export const queueCommandTimeoutMs = 5_000;

/** Thrown when Redis cannot be reached; names the variable, never the URL (it may hold a password). */
export class RedisUnreachableError extends Error {
  override readonly name = 'RedisUnreachableError';
}

/**
 * The workflow's queues under `prefix`, on one fail-fast connection (`@fedshop/queues`),
 * connected before anything is asked so an unreachable Redis is one clear error.
 */
export async function openQueueSet({
  redisUrl,
  prefix,
}: {
  redisUrl: string;
  prefix: string;
}): Promise<QueueSet> {
  const connection = createProducerConnection({
    url: redisUrl,
    name: 'fedshop-queues-cli',
    commandTimeoutMs: queueCommandTimeoutMs,
  });
  let lastError: Error | undefined;
  connection.on('error', (error: Error) => {
    lastError = error;
  });
  try {
    await connection.connect();
  } catch (error) {
    connection.disconnect();
    const reason =
      (lastError as NodeJS.ErrnoException | undefined)?.code ?? (error as Error).message;
    throw new RedisUnreachableError(`cannot reach Redis at REDIS_URL (${reason})`);
  }
  const queues = new Map<QueueName, Queue>();
  return {
    queue(name) {
      let queue = queues.get(name);
      if (!queue) {
        queue = new Queue(name, { connection, prefix });
        queue.on('error', () => {});
        queues.set(name, queue);
      }
      return queue;
    },
    async close() {
      await Promise.allSettled([...queues.values()].map((queue) => queue.close()));
      connection.disconnect();
    },
  };
}
