import type { Logger } from '@fedshop/logger';
import {
  createQueueProducer,
  jobId,
  parsePayload,
  queueNames,
  releaseStockPayload,
  reserveStockPayload,
  startQueueWorker,
  type CrashPoints,
  type QueueSettings,
} from '@fedshop/queues';
import type { BackgroundWork } from '@fedshop/subgraph-kit';
import type { StockRepository } from './stock-repository.js';
import type { StockService } from './stock-service.js';

export interface StockWorkersScope {
  stock: StockService;
  repository: StockRepository;
  settings: QueueSettings;
  crashPoints: CrashPoints;
  /** Released holds and tombstones older than this are pruned. */
  holdRetentionMs: number;
  logger: Logger;
}

/** How often released holds are pruned. @defaultValue 60 s */
export const holdPruneIntervalMs = 60_000;

/**
 * The products worker: reserve-stock (replies on stock-replies) and release-stock. A
 * reply is published before the job completes; a crash in between runs the job again,
 * which finds its holds and replies the same (the reply's job id is the same too).
 */
export function startStockWorkers(scope: StockWorkersScope): BackgroundWork {
  const { stock, repository, settings, crashPoints, logger } = scope;
  const replies = createQueueProducer({ settings, name: 'products-replies-producer' });
  const reserve = startQueueWorker({
    queue: queueNames.reserveStock,
    settings,
    logger,
    processor: async (job) => {
      const reply = await stock.reserve(parsePayload(reserveStockPayload, job.data));
      await replies.publish(queueNames.stockReplies, jobId(reply.orderId, 'reply'), reply);
      crashPoints.reach('after-reply');
    },
  });
  const release = startQueueWorker({
    queue: queueNames.releaseStock,
    settings,
    logger,
    processor: async (job) => stock.release(parsePayload(releaseStockPayload, job.data)),
  });
  const prune = setInterval(() => {
    repository
      .pruneReleased(new Date(Date.now() - scope.holdRetentionMs))
      .catch((error: unknown) =>
        logger.warn({ err: (error as Error).message }, 'pruning released holds failed'),
      );
  }, holdPruneIntervalMs);
  prune.unref();
  return {
    async close() {
      clearInterval(prune);
      await Promise.all([reserve.close(), release.close()]);
      await replies.close();
    },
  };
}
