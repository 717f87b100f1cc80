import type { NotificationMessage } from './notification-message.js';

/** What a provider says it did with a message. */
export interface DeliveryReceipt {
  /** The provider's own id for it (a mail API's message id), if it has one. */
  providerMessageId?: string;
}

/**
 * Where messages go: the seam for a real e-mail provider (SMTP, a mail API). `deliver`
 * may be called again for the same `message.id` after a crash between delivering and
 * recording it, so a real provider should pass `message.id` as its idempotency key.
 * Throwing retries the job with backoff.
 */
export interface NotificationProvider {
  /** Recorded with each delivered message, e.g. `record`, `smtp`. */
  readonly name: string;
  deliver(message: NotificationMessage): Promise<DeliveryReceipt>;
}

/**
 * The default provider: the message recorded in the users service's `notifications`
 * collection is the delivery (nothing leaves the system), so it is idempotent by itself.
 */
export const recordingProvider: NotificationProvider = {
  name: 'record',
  deliver: async (message) => ({ providerMessageId: message.id }),
};
