import type { Logger } from '@fedshop/logger';
import {
  createCrashPoints,
  createQueueProducer,
  parsePayload,
  queueNames,
  startQueueWorker,
  stockReplyPayload,
  type QueueWorker,
} from '@fedshop/queues';
import type { BackgroundWork } from '@fedshop/subgraph-kit';
import type { OrdersConfig } from '../config.js';
import type { OrderRepository } from '../orders/order-repository.js';
import type { OrderService } from '../orders/order-service.js';
import { createOutboxRelay } from './outbox-relay.js';
import type { OutboxSignal } from './outbox-signal.js';
import { startPeriodic, type Periodic } from './periodic.js';

/**
 * Which part of the workflow this process runs. `api`: publish what its own requests
 * write, at once (the service process in separate mode). `worker`: the stock-replies
 * consumer, the sweeping relay and expiry (the worker process). `all`: both (inline).
 */
export type WorkflowRole = 'api' | 'worker' | 'all';

export interface OrdersWorkflowScope {
  repository: OrderRepository;
  orders: OrderService;
  outbox: OutboxSignal;
  config: OrdersConfig;
  logger: Logger;
  role: WorkflowRole;
}

/** Starts the orders side of the workflow; `close` stops consuming, then publishing. */
export async function startOrdersWorkflow(scope: OrdersWorkflowScope): Promise<BackgroundWork> {
  const { repository, orders, outbox, config, logger, role } = scope;
  const settings = config.queues;
  const crashPoints = createCrashPoints(settings.crashPoint);
  const producer = createQueueProducer({ settings, name: `orders-${role}-producer` });
  const relay = createOutboxRelay({ repository, producer, logger, crashPoints });
  const unsubscribe = outbox.subscribe((order) => relay.publishSoon(order.id, order.outbox));

  let worker: QueueWorker | undefined;
  let sweeper: Periodic | undefined;
  if (role !== 'api') {
    worker = startQueueWorker({
      queue: queueNames.stockReplies,
      settings,
      logger,
      processor: async (job) => {
        const outcome = await orders.applyStockReply(parsePayload(stockReplyPayload, job.data));
        logger.debug({ jobId: job.id, outcome }, 'stock reply applied');
      },
    });
    const { pendingTimeoutMs, outboxSweepMs } = config.workflow;
    sweeper = startPeriodic(
      'orders-sweep',
      outboxSweepMs,
      async () => {
        await relay.sweep();
        await orders.expirePendingOrders(new Date(Date.now() - pendingTimeoutMs));
        await repository.forgetIdempotencyKeys(new Date());
      },
      logger,
    );
    // At start-up, and as soon as Redis is back after an outage.
    producer.onConnected(() => void sweeper?.runNow());
    void sweeper.runNow();
  }

  return {
    async close() {
      unsubscribe();
      await worker?.close();
      await sweeper?.close();
      await relay.close();
      await producer.close();
    },
  };
}
