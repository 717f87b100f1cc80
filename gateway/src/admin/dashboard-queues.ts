import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '@fedshop/logger';
import { createProducerConnection } from '@fedshop/queues';

export interface DashboardQueuesOptions {
  redisUrl: string;
  /** `QUEUE_PREFIX`: the services' queues live under it. */
  prefix: string;
  /** The queues shown, by name. */
  names: readonly string[];
  logger: Logger;
  /** A command unanswered this long fails, so a hung Redis answers 503, not a hung page. */
  commandTimeoutMs: number;
}

export interface DashboardQueues {
  queues: Queue[];
  /** The one connection every dashboard queue shares; `status === 'ready'` when usable. */
  connection: Redis;
  close(): Promise<void>;
}

/**
 * The queues the dashboard shows, on one connection of their own that fails fast (no
 * offline queue, a command timeout) and reconnects in the background: a Redis outage
 * makes the dashboard answer 503, never the gateway wait or fall over.
 */
export function createDashboardQueues({
  redisUrl,
  prefix,
  names,
  logger,
  commandTimeoutMs,
}: DashboardQueuesOptions): DashboardQueues {
  const connection = createProducerConnection({
    url: redisUrl,
    name: 'gateway-queue-dashboard',
    commandTimeoutMs,
  });
  logOutages(connection, logger);
  // Lazy by default: connect now, so the first page finds it ready; it reconnects by itself.
  connection.connect().catch(() => {});
  const queues = names.map((name) => {
    const queue = new Queue(name, { connection, prefix });
    // The connection already logs the outage once; an unhandled 'error' would crash.
    queue.on('error', (error) =>
      logger.debug({ err: error, queue: name }, 'dashboard queue error'),
    );
    return queue;
  });
  return {
    queues,
    connection,
    close: async () => {
      await Promise.allSettled(queues.map((queue) => queue.close()));
      connection.disconnect();
    },
  };
}

/** One line when Redis goes away and one when it is back, never a line per attempt. */
function logOutages(connection: Redis, logger: Logger): void {
  let reachable: boolean | undefined;
  connection.on('ready', () => {
    if (reachable === false) logger.info('queue dashboard: Redis is reachable again');
    reachable = true;
  });
  connection.on('error', (error: Error) => {
    if (reachable === false) return;
    reachable = false;
    logger.warn(
      { err: error },
      'queue dashboard: Redis is unreachable (REDIS_URL); it answers 503',
    );
  });
}
