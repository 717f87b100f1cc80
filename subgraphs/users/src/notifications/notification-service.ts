import type { Logger } from '@fedshop/logger';
import type { OrderEventPayload } from '@fedshop/queues';
import type { UserRepository } from '../users/user-repository.js';
import type { NotificationRecord } from './notification-message.js';
import type { NotificationProvider } from './notification-provider.js';
import type { NotificationRepository } from './notification-repository.js';
import { orderConfirmationMessage } from './order-confirmation.js';

/** The event names a customer this service does not know: retrying cannot help. */
export class UnknownCustomerError extends Error {
  override readonly name = 'UnknownCustomerError';
}

export interface NotificationServiceOptions {
  notifications: NotificationRepository;
  users: Pick<UserRepository, 'findById'>;
  provider: NotificationProvider;
  logger: Logger;
}

export type NotifyOutcome = 'delivered' | 'already-delivered';

/**
 * Order-confirmation messages, exactly once in effect: the message is recorded under an id
 * derived from the order before the provider sees it, so a redelivered event finds it
 * (delivered: nothing more to do; still pending after a crash: delivered now, under the
 * same id).
 */
export function createNotificationService({
  notifications,
  users,
  provider,
  logger,
}: NotificationServiceOptions) {
  async function deliver(record: NotificationRecord): Promise<void> {
    const receipt = await provider.deliver({
      id: record.id,
      kind: 'order-confirmation',
      userId: record.userId,
      orderId: record.orderId,
      to: record.to,
      subject: record.subject,
      text: record.text,
    });
    await notifications.markDelivered(record.id, provider.name, receipt);
  }

  return {
    async notifyOrderConfirmed(event: OrderEventPayload): Promise<NotifyOutcome> {
      const user = await users.findById(event.userId);
      if (!user) throw new UnknownCustomerError(`no user ${event.userId}`);
      const record = await notifications.recordOnce(orderConfirmationMessage(event, user));
      if (record.status === 'delivered') {
        logger.debug({ notificationId: record.id }, 'order confirmation already delivered');
        return 'already-delivered';
      }
      await deliver(record);
      // Ids only: the address and the text stay in the collection.
      logger.info(
        { notificationId: record.id, orderId: event.orderId, provider: provider.name },
        'order confirmation delivered',
      );
      return 'delivered';
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
