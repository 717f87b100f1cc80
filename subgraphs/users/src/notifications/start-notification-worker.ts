import type { Logger } from '@fedshop/logger';
import {
  orderEventPayload,
  parsePayload,
  queueNames,
  startQueueWorker,
  UnrecoverableError,
  type QueueSettings,
} from '@fedshop/queues';
import type { BackgroundWork } from '@fedshop/subgraph-kit';
import type { UserRepository } from '../users/user-repository.js';
import { recordingProvider, type NotificationProvider } from './notification-provider.js';
import type { NotificationRepository } from './notification-repository.js';
import { createNotificationService, UnknownCustomerError } from './notification-service.js';

export interface NotificationWorkerOptions {
  repositories: { users: Pick<UserRepository, 'findById'>; notifications: NotificationRepository };
  /** Where messages go. @defaultValue `recordingProvider` (the `notifications` collection) */
  provider?: NotificationProvider;
  /** `config.queues` */
  settings: QueueSettings;
  logger: Logger;
}

/**
 * Consumes `order-events` into order-confirmation messages: a bad payload or an unknown customer fails for good (it stays
 * failed and visible, to replay once fixed); anything else (the database away) is retried
 * with the producer's backoff. `close` lets the job in hand finish.
 */
export function startNotificationWorker({
  repositories,
  provider = recordingProvider,
  settings,
  logger,
}: NotificationWorkerOptions): BackgroundWork {
  const notifications = createNotificationService({ ...repositories, provider, logger });
  const worker = startQueueWorker({
    queue: queueNames.orderEvents,
    settings,
    logger,
    processor: async (job) => {
      const event = parsePayload(orderEventPayload, job.data);
      try {
        return await notifications.notifyOrderConfirmed(event);
      } catch (error) {
        if (error instanceof UnknownCustomerError) throw new UnrecoverableError(error.message);
        throw error;
      }
    },
  });
  return { close: () => worker.close() };
}
